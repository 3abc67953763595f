//! Text folding for matching: case-, accent- and hyphen-insensitive, with a map back to the original text so
//! matches can be highlighted in what the reader sees. Hand-written tables rather than a Unicode normalisation
//! crate: they cover the Latin letters our content uses, and they cost the wasm a few hundred bytes, not tens of KB.

/// Folds one character. Empty for combining marks (so decomposed accents vanish).
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď'..='đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ł' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' => 's',
        'Ţ'..='ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'Æ' | 'æ' => {
            out.push_str("ae");
            return;
        }
        'Œ' | 'œ' => {
            out.push_str("oe");
            return;
        }
        '\u{0300}'..='\u{036f}' => return,
        '\u{2010}' | '\u{2011}' | '\u{2012}' => '-',
        '\u{00a0}' | '\u{202f}' | '\u{2009}' => ' ',
        '\u{2018}' | '\u{2019}' => '\'',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// Text folded for matching, with, for every folded byte, the byte range of the original char it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    src: Vec<(usize, usize)>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut src: Vec<(usize, usize)> = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let end = i + c.len_utf8();
            let before = text.len();
            fold_char(c, &mut text);
            if text.len() == before {
                // A dropped combining mark belongs to the letter before it.
                if let Some(&(s, _)) = src.last() {
                    for r in src.iter_mut().rev().take_while(|r| r.0 == s) {
                        r.1 = end;
                    }
                }
            }
            src.resize(text.len(), (i, end));
        }
        Self { text, src }
    }

    /// Maps a byte range of the folded text to the byte range of the original it came from.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || end > self.src.len() {
            let at = self
                .src
                .get(start)
                .map_or(self.src.last().map_or(0, |r| r.1), |r| r.0);
            return (at, at);
        }
        (self.src[start].0, self.src[end - 1].1)
    }
}

/// Folds a string (no offset map): what matching and search compare.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A word character for word-boundary checks: letters and digits in any script (Devanagari vowel signs count).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0900}'..='\u{097f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_hyphens() {
        assert_eq!(fold("Défense"), "defense");
        assert_eq!(fold("CO\u{2011}PRODUCTION"), "co-production");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("e\u{0301}te\u{0301}"), "ete");
        assert_eq!(fold("India’s"), "india's");
        assert_eq!(fold("रक्षा"), "रक्षा");
    }

    #[test]
    fn maps_ranges_back_to_original() {
        let s = "Le Défi Straße";
        let f = Folded::new(s);
        let at = f.text.find("defi").unwrap();
        let (a, b) = f.original_range(at, at + 4);
        assert_eq!(&s[a..b], "Défi");
        let at = f.text.find("ss").unwrap();
        let (a, b) = f.original_range(at, at + 2);
        assert_eq!(&s[a..b], "ß");
        let (a, b) = f.original_range(0, f.text.len());
        assert_eq!(&s[a..b], s);
        let (a, b) = f.original_range(3, 3);
        assert_eq!(a, b);
    }

    #[test]
    fn word_chars() {
        assert!(is_word_char('a'));
        assert!(is_word_char('é'));
        assert!(is_word_char('\u{093e}'));
        assert!(!is_word_char('-'));
        assert!(!is_word_char('’'));
    }
}
