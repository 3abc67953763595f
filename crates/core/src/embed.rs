//! The embed protocol between an embedded explainer and its host page (version 1).
//!
//! To the parent: `{"type":"explainer:height","version":1,"height":<css px>}` whenever the content height
//! changes. From the parent: `{"type":"explainer:request-height","version":1}` asks for the height again.
//! Anything else from the parent is ignored.

use serde::Deserialize;

pub const PROTOCOL_VERSION: u32 = 1;

/// The message sent to the parent page.
pub fn height_message(height: f64) -> String {
    let h = if height.is_finite() {
        height.max(0.0).ceil()
    } else {
        0.0
    };
    format!("{{\"type\":\"explainer:height\",\"version\":{PROTOCOL_VERSION},\"height\":{h}}}")
}

/// A message from the parent page that we act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentMessage {
    RequestHeight,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(rename = "type")]
    kind: String,
    version: u32,
}

impl ParentMessage {
    /// Validates a message (as JSON); unknown types, other versions, extra fields and junk give `None`.
    pub fn parse(json: &str) -> Option<Self> {
        if json.len() > 1024 {
            return None;
        }
        let raw: Raw = serde_json::from_str(json).ok()?;
        match (raw.kind.as_str(), raw.version) {
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
