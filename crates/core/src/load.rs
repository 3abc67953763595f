//! Decoding content JSON fetched at run time. Anything from outside is untrusted: every failure is a value the
//! app can show, never a panic.

use crate::model::{Article, ArticleIndex, FORMAT_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt;

/// Why content could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request failed before an answer came (offline, DNS, CORS…).
    Network(String),
    /// The server answered with an error status.
    Http(u16),
    /// The answer is not the JSON we expect.
    Corrupt(String),
    /// The content was compiled for another version of the app.
    Version { found: u32 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(e) => write!(f, "The network request failed ({e}). Check your connection and try again."),
            Self::Http(404) => write!(f, "The content was not found on the server (HTTP 404)."),
            Self::Http(s) => write!(f, "The server answered with an error (HTTP {s})."),
            Self::Corrupt(e) => write!(f, "The content file is damaged or incomplete ({e})."),
            Self::Version { found } => write!(
                f,
                "The content was built for another version of this app (format {found}, expected {FORMAT_VERSION}). Reload the page to update."
            ),
        }
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

fn decode<T: DeserializeOwned>(json: &str) -> Result<T, LoadError> {
    let probe: VersionProbe =
        serde_json::from_str(json).map_err(|e| LoadError::Corrupt(short(&e)))?;
    if probe.format_version != FORMAT_VERSION {
        return Err(LoadError::Version {
            found: probe.format_version,
        });
    }
    serde_json::from_str(json).map_err(|e| LoadError::Corrupt(short(&e)))
}

fn short(e: &serde_json::Error) -> String {
    format!("line {}, column {}", e.line(), e.column())
}

pub fn decode_article(json: &str) -> Result<Article, LoadError> {
    decode(json)
}

pub fn decode_index(json: &str) -> Result<ArticleIndex, LoadError> {
    decode(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_wrong_version_and_garbage_are_values_not_panics() {
        let v = FORMAT_VERSION;
        let truncated = format!("{{\"format_version\":{v},\"articles\":[");
        assert!(matches!(
            decode_index(&truncated),
            Err(LoadError::Corrupt(_))
        ));
        assert_eq!(
            decode_index("{\"format_version\":99,\"articles\":[]}"),
            Err(LoadError::Version { found: 99 })
        );
        assert!(matches!(
            decode_article("<!doctype html>"),
            Err(LoadError::Corrupt(_))
        ));
        assert!(matches!(decode_article(""), Err(LoadError::Corrupt(_))));
        let incomplete = format!("{{\"format_version\":{v}}}");
        assert!(matches!(
            decode_article(&incomplete),
            Err(LoadError::Corrupt(_))
        ));
        let empty = format!("{{\"format_version\":{v},\"articles\":[]}}");
        assert_eq!(decode_index(&empty).unwrap().articles.len(), 0);
        assert!(LoadError::Http(404).to_string().contains("not found"));
    }
}
