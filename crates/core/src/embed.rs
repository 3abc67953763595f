//! The embed protocol between an embedded explainer and its host page (version 1).
//!
//! To the parent: `{"type":"explainer:height","version":1,"height":<css px>}` whenever the content height
//! changes. From the parent: `{"type":"explainer:request-height","version":1}` asks for the height again.
//! Anything else from the parent is ignored.

use crate::json::Json;

pub const PROTOCOL_VERSION: u32 = 1;

/// The message sent to the parent page.
pub fn height_message(height: f64) -> String {
    let h = if height.is_finite() {
        height.max(0.0).ceil()
    } else {
        0.0
    };
    // As a whole number: formatting an `f64` would link float printing into the first view's code.
    let h = h as u64;
    format!("{{\"type\":\"explainer:height\",\"version\":{PROTOCOL_VERSION},\"height\":{h}}}")
}

/// A message from the parent page that we act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentMessage {
    RequestHeight,
}

impl ParentMessage {
    /// Validates a message (as JSON); unknown types, other versions, extra fields and junk give `None`.
    pub fn parse(json: &str) -> Option<Self> {
        if json.len() > 1024 {
            return None;
        }
        let (mut kind, mut version) = (None::<String>, None::<u32>);
        let mut j = Json::new(json);
        j.object(&mut |j, k| match k {
            "type" => j.field(&mut kind, k),
            "version" => j.field(&mut version, k),
            _ => Err(j.error("unknown field")),
        })
        .ok()?;
        j.end().ok()?;
        match (kind?.as_str(), version?) {
            ("explainer:request-height", PROTOCOL_VERSION) => Some(Self::RequestHeight),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn height_messages_are_whole_non_negative_pixels() {
        assert_eq!(
            height_message(640.2),
            r#"{"type":"explainer:height","version":1,"height":641}"#
        );
        assert_eq!(
            height_message(-3.0),
            r#"{"type":"explainer:height","version":1,"height":0}"#
        );
        assert_eq!(
            height_message(f64::NAN),
            r#"{"type":"explainer:height","version":1,"height":0}"#
        );
    }

    #[test]
    fn only_known_well_formed_parent_messages_pass() {
        assert_eq!(
            ParentMessage::parse(r#"{"type":"explainer:request-height","version":1}"#),
            Some(ParentMessage::RequestHeight)
        );
        for junk in [
            r#"{"type":"explainer:request-height","version":2}"#,
            r#"{"type":"explainer:navigate","version":1}"#,
            r#"{"type":"explainer:request-height","version":1,"url":"javascript:alert(1)"}"#,
            r#"{"type":"explainer:request-height"}"#,
            r#""explainer:request-height""#,
            "null",
            "",
            "{",
        ] {
            assert_eq!(ParentMessage::parse(junk), None, "{junk}");
        }
        assert_eq!(ParentMessage::parse(&" ".repeat(2000)), None);
    }
}
