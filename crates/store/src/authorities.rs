//! Supervisory authorities: a controller's lead authority, and the one a
//! person complains to (Art. 77) by country and, in Germany, Land.

use rightsdesk_domain::{ErrorCode, Id, SupervisoryAuthority};
use rusqlite::{OptionalExtension, Row, params};

use crate::controllers::json_list;
use crate::{Error, Result, Store};

const SA_COLUMNS: &str =
    "slug, name, country, region, address, email, phone, web_form, web, complaint_language, sources";

fn sa_from_row(r: &Row<'_>) -> rusqlite::Result<SupervisoryAuthority> {
    Ok(SupervisoryAuthority {
        slug: r.get(0)?,
        name: r.get(1)?,
        country: r.get(2)?,
        region: r.get(3)?,
        address: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        web_form: r.get(7)?,
        web: r.get(8)?,
        complaint_language: r.get(9)?,
        sources: json_list(r.get(10)?),
    })
}
impl Store {
    pub fn get_authority(&self, slug: &str) -> Result<SupervisoryAuthority> {
        self.conn
            .query_row(
                &format!("SELECT {SA_COLUMNS} FROM supervisory_authorities WHERE slug = ?1"),
                [slug],
                sa_from_row,
            )
            .optional()?
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::NotFound,
                    format!("no supervisory authority “{slug}”; import the datarequests.org database"),
                )
            })
    }

    /// Authorities of a country (and, where it has several, of a region first).
    pub fn authorities_for(&self, country: &str, region: &str) -> Result<Vec<SupervisoryAuthority>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SA_COLUMNS} FROM supervisory_authorities WHERE country = ?1 AND vanished_at IS NULL
             ORDER BY (?2 <> '' AND lower(region) = lower(?2)) DESC, region = '' DESC, name"
        ))?;
        let list = stmt
            .query_map(params![country.trim().to_ascii_uppercase(), region.trim()], sa_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The authority a person complains to (Art. 77): the one of their country
    /// and, in Germany, of their Land (the federal and the special authorities
    /// do not supervise companies). A clear error says what is missing.
    pub fn authorities_for_person(&self, person_id: Id) -> Result<Vec<SupervisoryAuthority>> {
        let person = self.get_person(person_id)?;
        let country = person.address.country.trim().to_ascii_uppercase();
        if country.is_empty() {
            return Err(Error {
                code: ErrorCode::Invalid,
                message: format!(
                    "{} has no country in their address; add one to find their authority",
                    person.display_name
                ),
                fields: vec![rightsdesk_domain::FieldError::new(
                    "address.country",
                    "needed to find the supervisory authority",
                )],
            });
        }
        let mut list = self.authorities_for(&country, &person.address.region)?;
        if country == "DE" {
            let region = person.address.region.trim().to_lowercase();
            list.retain(|sa| !region.is_empty() && sa.region.to_lowercase() == region);
            if list.is_empty() {
                return Err(Error {
                    code: ErrorCode::Invalid,
                    message:
                        "in Germany the authority depends on the Land: add it to the address (e.g. Bayern, Berlin)"
                            .into(),
                    fields: vec![rightsdesk_domain::FieldError::new(
                        "address.region",
                        "the Land decides the authority",
                    )],
                });
            }
        }
        if list.is_empty() {
            return Err(Error::new(
                ErrorCode::NotFound,
                format!("no authority known for {country}; import the datarequests.org database"),
            ));
        }
        Ok(list)
    }
}
