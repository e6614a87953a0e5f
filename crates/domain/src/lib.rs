//! The RightsDesk domain: the words of the product as types.
//!
//! Invariant: this crate does no I/O. It validates, it computes, it names things;
//! the store persists them and the faces (CLI, app) show them.

pub mod backup;
pub mod basis;
pub mod controller;
pub mod deadline;
pub mod email;
pub mod error;
pub mod event;
pub mod guide;
pub mod import;
pub mod letter;
pub mod lifecycle;
pub mod mail;
pub mod mailbox;
pub mod mandate;
pub mod message;
pub mod oauth;
pub mod people_file;
pub mod person;
pub mod policy;
pub mod project;
pub mod recommend;
pub mod redact;
pub mod reference;
pub mod report;
pub mod request;
pub mod sending;
pub mod vocabulary;
pub mod watch;
pub mod words;

pub use basis::{
    BasisEvent, BasisEventKind, BasisOnDay, Claim, ClaimStatus, LegalBasis, Purpose, PurposeOnDay, Source, basis_on,
};
pub use controller::{
    ContactChannel, ContactKind, ContactRole, Controller, ControllerDetail, ControllerDraft, ControllerHit,
    IdentityField, IdentityKind, LiVendor, Origin, StoredClaim, SupervisoryAuthority,
};
pub use error::{ErrorCode, FieldError, Invalid};
pub use event::{Event, EventCause, EventKind};
pub use letter::{Language, Letter, LetterOptions, Party};
pub use mandate::{
    Mandate, MandateDocument, MandateDraft, MandateEntry, MandateKind, MandateState, Organisation, Refusal,
};
pub use message::{Direction, Message, MessageChannel};
pub use person::{AccountId, Erasure, Person, PersonDraft, PostalAddress, Voice};
pub use recommend::{Action, ActionKind, recommend};
pub use reference::Reference;
pub use request::{
    Attachment, Attention, Notice, Postal, Request, RequestDetail, RequestKind, RequestStatus, RequestSummary,
};

/// Row identifier of a stored record. Rowids stay below 2^53, so they survive
/// a trip through JavaScript numbers.
pub type Id = i64;
