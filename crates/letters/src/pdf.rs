//! A letter as an A4 PDF for post: sender and recipient blocks, date,
//! reference, subject, the body wrapped and paginated, the signature as text
//! or image, "Page n of m" on every page.
//!
//! Layout is done here (greedy word wrap on the font's advance widths) in two
//! passes: place every line, then draw, so the page count is known for the
//! footer. krilla embeds only the glyphs used, which keeps a letter small.

use std::sync::{Arc, OnceLock};

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla_svg::SurfaceExt;
use rightsdesk_domain::Letter;

use crate::{Error, Result, lang};

mod report;
pub use report::report;

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 70.9; // 25 mm
const RIGHT: f32 = 56.7; // 20 mm
const TOP: f32 = 56.7;
const BOTTOM: f32 = 70.9;
const WIDTH: f32 = PAGE_W - LEFT - RIGHT;
const BODY_SIZE: f32 = 10.5;
const LINE: f32 = 14.5;
const SMALL: f32 = 8.5;
const SIGNATURE_H: f32 = 42.0;

/// A handwritten signature to place above the typed name.
#[derive(Debug, Clone)]
pub enum Signature {
    Png(Vec<u8>),
    Jpeg(Vec<u8>),
}

impl Signature {
    /// Recognises a PNG or JPEG by its first bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        if bytes.starts_with(b"\x89PNG") {
            Ok(Self::Png(bytes))
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            Ok(Self::Jpeg(bytes))
        } else {
            Err(Error::Pdf("the signature is not a PNG or JPEG image".into()))
        }
    }
}

struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: ttf_parser::Face<'static>,
    bold_face: ttf_parser::Face<'static>,
}

fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Font::new(Arc::new(REGULAR.to_vec()).into(), 0)?,
                bold: Font::new(Arc::new(BOLD.to_vec()).into(), 0)?,
                regular_face: ttf_parser::Face::parse(REGULAR, 0).ok()?,
                bold_face: ttf_parser::Face::parse(BOLD, 0).ok()?,
            })
        })
        .as_ref()
        .ok_or_else(|| Error::Pdf("the letter font could not be loaded".into()))
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Regular,
    Bold,
    Small,
    /// A table's header.
    SmallBold,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Self::Regular | Self::Bold => BODY_SIZE,
            Self::Small | Self::SmallBold => SMALL,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Self::Bold | Self::SmallBold)
    }
}

fn face(fonts: &Fonts, style: Style) -> &ttf_parser::Face<'static> {
    if style.bold() { &fonts.bold_face } else { &fonts.regular_face }
}

fn width(fonts: &Fonts, style: Style, text: &str) -> Result<f32> {
    let face = face(fonts, style);
    let per_unit = style.size() / f32::from(face.units_per_em());
    let mut w = 0.0;
    for c in text.chars() {
        let glyph = face.glyph_index(c).ok_or_else(|| {
            Error::Pdf(format!(
                "the character “{c}” (U+{:04X}) cannot be printed with the letter font; \
                 send the letter as e-mail text or replace the character",
                c as u32
            ))
        })?;
        w += f32::from(face.glyph_hor_advance(glyph).unwrap_or(0)) * per_unit;
    }
    Ok(w)
}

/// Greedy word wrap; a word longer than the line (a URL) is broken by characters.
fn wrap(fonts: &Fonts, style: Style, text: &str, max: f32) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(fonts, style, &candidate)? <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width(fonts, style, word)? <= max {
            line = word.to_owned();
        } else {
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if width(fonts, style, &next)? > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    next = c.to_string();
                }
                line = next;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// One thing placed on a page.
enum Item {
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
        right_aligned: bool,
    },
    Signature {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// The `index`th of the document's vector drawings (a report chart), its top left at `x`, `y`.
    Drawing {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        index: usize,
    },
    /// A small filled square of a legend, `y` its text's baseline.
    Swatch {
        x: f32,
        y: f32,
        colour: (u8, u8, u8),
    },
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Item>>,
    y: f32,
}

impl Layout<'_> {
    fn room(&mut self, height: f32) {
        if self.y + height > PAGE_H - BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP + LINE;
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    fn paragraph(&mut self, style: Style, text: &str) -> Result<()> {
        // List items ("- …", "1. …") hang: continuation lines align with the text.
        let marker = list_marker(text);
        let indent = match marker {
            Some(m) => width(self.fonts, style, m)?,
            None => 0.0,
        };
        for (i, line) in wrap(self.fonts, style, text, WIDTH - indent)?.into_iter().enumerate() {
            self.room(LINE);
            let x = if i == 0 { LEFT } else { LEFT + indent };
            self.push(Item::Text { x, y: self.y, style, text: line, right_aligned: false });
            self.y += LINE;
        }
        Ok(())
    }
}

impl Layout<'_> {
    /// A table row: `left` in bold in a narrow first column, `right` (one
    /// paragraph per entry) wrapped in the second; a thin gap after.
    fn row(&mut self, left: &str, right: &[String]) -> Result<()> {
        const FIRST: f32 = 150.0;
        let left_lines = wrap(self.fonts, Style::Bold, left, FIRST - 8.0)?;
        let mut right_lines = Vec::new();
        for r in right {
            right_lines.extend(wrap(self.fonts, Style::Small, r, WIDTH - FIRST)?);
        }
        let height = left_lines.len().max(right_lines.len()) as f32 * LINE;
        self.room(height.min(PAGE_H - TOP - BOTTOM - LINE));
        let top = self.y;
        for (i, line) in left_lines.into_iter().enumerate() {
            self.push(Item::Text {
                x: LEFT,
                y: top + i as f32 * LINE,
                style: Style::Bold,
                text: line,
                right_aligned: false,
            });
        }
        for (i, line) in right_lines.into_iter().enumerate() {
            self.push(Item::Text {
                x: LEFT + FIRST,
                y: top + i as f32 * LINE,
                style: Style::Small,
                text: line,
                right_aligned: false,
            });
        }
        self.y = top + height + LINE * 0.4;
        Ok(())
    }
}

fn list_marker(text: &str) -> Option<&str> {
    if text.starts_with("- ") {
        return text.get(..2);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && text[digits..].starts_with(". ")).then(|| &text[..digits + 2])
}

/// Renders `letter` as an A4 PDF.
pub fn pdf(letter: &Letter, signature: Option<&Signature>) -> Result<Vec<u8>> {
    pdf_bundle(std::slice::from_ref(letter), signature)
}

/// Several letters in one PDF, each from a new page, numbered through: a
/// complaint followed by the correspondence it encloses. The signature image
/// goes on the first letter only.
pub fn pdf_bundle(letters: &[Letter], signature: Option<&Signature>) -> Result<Vec<u8>> {
    let Some(first) = letters.first() else { return Err(Error::Pdf("nothing to print".into())) };
    let fonts = fonts()?;
    let image = match signature {
        None => None,
        Some(Signature::Png(bytes)) => Some(Image::from_png(Arc::new(bytes.clone()).into(), true)),
        Some(Signature::Jpeg(bytes)) => Some(Image::from_jpeg(Arc::new(bytes.clone()).into(), true)),
    }
    .transpose()
    .map_err(|e| Error::Pdf(format!("the signature image cannot be read: {e}")))?;

    let mut l = Layout { fonts, pages: vec![Vec::new()], y: TOP + SMALL };
    for (n, letter) in letters.iter().enumerate() {
        if n > 0 {
            l.pages.push(Vec::new());
            l.y = TOP + SMALL;
            l.push(Item::Text {
                x: PAGE_W - RIGHT,
                y: l.y,
                style: Style::Bold,
                text: format!("{} {n}", lang::enclosure_label(first.language)),
                right_aligned: true,
            });
            l.y += LINE;
        }
        lay_out(&mut l, letter, if n == 0 { image.as_ref() } else { None })?;
    }
    let letter = first;
    draw(fonts, l.pages, image.as_ref(), &[], &letter.subject, letter.language, |n, total| {
        format!("{} {n} / {total} · {}", letter.page_label, letter.reference)
    })
}

/// Draws laid-out pages into a PDF, with a footer line on every page
/// (`footer(page, total)`).
fn draw(
    fonts: &Fonts,
    pages: Vec<Vec<Item>>,
    image: Option<&Image>,
    drawings: &[usvg::Tree],
    title: &str,
    language: rightsdesk_domain::Language,
    footer: impl Fn(usize, usize) -> String,
) -> Result<Vec<u8>> {
    let total = pages.len();
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new().title(title.to_owned()).language(language.code().to_owned()).creator("RightsDesk".to_owned()),
    );
    for (n, items) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| Error::Pdf("bad page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let footer = footer(n + 1, total);
        let footer_w = width(fonts, Style::Small, &footer)?;
        let footer_item = Item::Text {
            x: (PAGE_W - footer_w) / 2.0,
            y: PAGE_H - BOTTOM / 2.0,
            style: Style::Small,
            text: footer,
            right_aligned: false,
        };
        for item in items.iter().chain(std::iter::once(&footer_item)) {
            match item {
                Item::Text { x, y, style, text, right_aligned } => {
                    let font = if style.bold() { fonts.bold.clone() } else { fonts.regular.clone() };
                    let x = if *right_aligned { x - width(fonts, *style, text)? } else { *x };
                    surface.draw_text(Point::from_xy(x, *y), font, style.size(), text, false, TextDirection::Auto);
                }
                Item::Signature { x, y, w, h } => {
                    if let (Some(img), Some(size)) = (image, Size::from_wh(*w, *h)) {
                        surface.push_transform(&Transform::from_translate(*x, *y));
                        surface.draw_image(img.clone(), size);
                        surface.pop();
                    }
                }
                Item::Drawing { x, y, w, h, index } => {
                    if let (Some(tree), Some(size)) = (drawings.get(*index), Size::from_wh(*w, *h)) {
                        surface.push_transform(&Transform::from_translate(*x, *y));
                        surface.draw_svg(tree, size, krilla_svg::SvgSettings::default());
                        surface.pop();
                    }
                }
                Item::Swatch { x, y, colour: (r, g, b) } => {
                    let side = SMALL * 0.9;
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, y - side, side, side) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        let text_fill = surface.get_fill().cloned();
                        surface
                            .set_fill(Some(Fill { paint: rgb::Color::new(*r, *g, *b).into(), ..Default::default() }));
                        surface.draw_path(&path);
                        surface.set_fill(text_fill);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| match e {
        krilla::error::KrillaError::Image(_, _, why) => {
            Error::Pdf(format!("the signature image cannot be read: {why}"))
        }
        other => Error::Pdf(format!("the PDF could not be written: {other:?}")),
    })
}

/// The letter book (`crate::book`): a title page with the table of what each
/// letter cites, then each letter from a new page under its heading.
pub(crate) fn book(title: &str, intro: &[String], chapters: &[crate::book::Chapter]) -> Result<Vec<u8>> {
    let Some(first) = chapters.first() else { return Err(Error::Pdf("nothing to print".into())) };
    let fonts = fonts()?;
    let mut l = Layout { fonts, pages: vec![Vec::new()], y: TOP + LINE };
    l.paragraph(Style::Bold, title)?;
    l.y += LINE * 0.6;
    for p in intro {
        l.paragraph(Style::Regular, p)?;
        l.y += LINE * 0.6;
    }
    l.y += LINE * 0.6;
    for (n, c) in chapters.iter().enumerate() {
        let cited = std::iter::once(c.provisions.join(" · "))
            .chain((!c.cases.is_empty()).then(|| c.cases.join(" · ")))
            .collect::<Vec<_>>();
        l.row(&format!("{}. {}", n + 1, c.label), &cited)?;
    }
    for (n, c) in chapters.iter().enumerate() {
        l.pages.push(Vec::new());
        l.y = TOP + LINE;
        l.paragraph(Style::Bold, &format!("{}. {}", n + 1, c.label))?;
        l.paragraph(
            Style::Small,
            &format!("Options on: {}", if c.options.is_empty() { "none".to_owned() } else { c.options.join("; ") }),
        )?;
        l.paragraph(Style::Small, &format!("Cites: {}", c.provisions.join(" · ")))?;
        if !c.cases.is_empty() {
            l.paragraph(Style::Small, &format!("Cases and guidance: {}", c.cases.join(" · ")))?;
        }
        l.paragraph(Style::Small, &format!("Template version: {}", c.template_version))?;
        l.y += LINE;
        lay_out(&mut l, &c.letter, None)?;
    }
    draw(fonts, l.pages, None, &[], title, first.letter.language, |n, total| format!("{title} · {n} / {total}"))
}

/// Places one letter from the current position on.
fn lay_out(l: &mut Layout<'_>, letter: &Letter, image: Option<&Image>) -> Result<()> {
    // Sender, small, on top; then the recipient's window block.
    let sender: Vec<String> = std::iter::once(letter.sender.name.clone())
        .chain(letter.sender.address.iter().cloned())
        .chain(Some(letter.sender.email.clone()).filter(|e| !e.is_empty()))
        .collect();
    for line in &sender {
        l.push(Item::Text { x: LEFT, y: l.y, style: Style::Small, text: line.clone(), right_aligned: false });
        l.y += SMALL * 1.35;
    }
    l.y = l.y.max(TOP + 100.0);
    for (i, line) in
        std::iter::once(letter.recipient.name.clone()).chain(letter.recipient.address.iter().cloned()).enumerate()
    {
        for part in wrap(l.fonts, Style::Regular, &line, WIDTH * 0.6)? {
            let style = if i == 0 { Style::Bold } else { Style::Regular };
            l.push(Item::Text { x: LEFT, y: l.y, style, text: part, right_aligned: false });
            l.y += LINE;
        }
    }
    l.y = l.y.max(TOP + 200.0) + LINE;
    l.push(Item::Text {
        x: PAGE_W - RIGHT,
        y: l.y,
        style: Style::Regular,
        text: letter.date_text.clone(),
        right_aligned: true,
    });
    l.y += LINE;
    l.push(Item::Text {
        x: PAGE_W - RIGHT,
        y: l.y,
        style: Style::Small,
        text: format!("{}: {}", letter.reference_label, letter.reference),
        right_aligned: true,
    });
    l.y += LINE * 2.0;
    for line in wrap(l.fonts, Style::Bold, &letter.subject, WIDTH)? {
        l.room(LINE);
        l.push(Item::Text { x: LEFT, y: l.y, style: Style::Bold, text: line, right_aligned: false });
        l.y += LINE;
    }
    l.y += LINE;

    let paragraphs: Vec<&str> = letter.body.split("\n\n").collect();
    let last = paragraphs.len().saturating_sub(1);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        // The image goes above the typed name that ends the letter.
        if i == last && image.is_some() && paragraph.trim() == letter.sender.name.trim() {
            l.room(SIGNATURE_H + LINE);
            if let Some(img) = &image {
                let (w, h) = img.size();
                let scale = SIGNATURE_H / h.max(1) as f32;
                l.push(Item::Signature { x: LEFT, y: l.y - LINE * 0.6, w: w as f32 * scale, h: SIGNATURE_H });
            }
            l.y += SIGNATURE_H;
        }
        for line in paragraph.lines() {
            l.paragraph(Style::Regular, line)?;
        }
        l.y += LINE * 0.6;
    }
    if !letter.enclosures.is_empty() {
        l.y += LINE;
        l.room(LINE * 2.0);
        l.paragraph(Style::Bold, &format!("{}:", lang::enclosures_label(letter.language)))?;
        for e in &letter.enclosures {
            l.paragraph(Style::Regular, &format!("- {e}"))?;
        }
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_the_width_and_breaks_long_words() {
        let f = fonts().unwrap();
        let text = "word ".repeat(60);
        let lines = wrap(f, Style::Regular, text.trim(), 200.0).unwrap();
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| width(f, Style::Regular, l).unwrap() <= 200.0));
        let url = "https://example.com/".to_owned() + &"x".repeat(200);
        let lines = wrap(f, Style::Regular, &url, 200.0).unwrap();
        assert_eq!(lines.concat(), url);
    }

    #[test]
    fn a_character_the_font_lacks_is_a_clear_error() {
        let f = fonts().unwrap();
        let err = width(f, Style::Regular, "名").unwrap_err();
        assert!(err.to_string().contains("U+540D"), "{err}");
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("- a"), Some("- "));
        assert_eq!(list_marker("12. a"), Some("12. "));
        assert_eq!(list_marker("2026 was"), None);
    }
}
