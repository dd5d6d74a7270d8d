//! Vietnamese text: NFC normalisation, accent-insensitive folding (đ → d),
//! Vietnamese alphabetical order, and stripping of control characters.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

/// NFC-normalise a string (done to every name at load).
pub fn nfc(s: &str) -> String {
    // ASCII (most numeric cells) is already NFC; skip the normaliser.
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Remove control characters (C0, DEL, C1, and bidi overrides) from text that
/// will be printed to a terminal or a file. Tabs and newlines become spaces.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => None,
            c => Some(c),
        })
        .collect()
}

/// Fold one character: its base letter without diacritics, `đ` → `d`, lowercase.
/// One character in gives one character out, so match positions in the folded
/// text map straight back to the original.
pub fn fold_char(c: char) -> char {
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    match base {
        'đ' | 'Đ' => 'd',
        b => b.to_lowercase().next().unwrap_or(b),
    }
}

/// Accent- and case-insensitive form of a string (`"Đà Nẵng"` → `"da nang"`).
/// Runs of white space, `.`, `-` and `_` fold to one space so that "TP.HCM",
/// "TP HCM" and "tp-hcm" compare alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfc() {
        let f = fold_char(c);
        if f.is_whitespace() || matches!(f, '.' | '-' | '_' | ',') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(f);
            space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `haystack` contains `needle` ignoring accents and case. When the
/// needle itself carries Vietnamese diacritics the match is accent-sensitive
/// ("smart accents"), so "Hà" does not find "Hạ".
pub fn matches(haystack: &str, needle: &str) -> bool {
    let needle = needle.trim();
    if needle.is_empty() {
        return true;
    }
    if has_diacritics(needle) {
        let h: String = haystack.nfc().flat_map(char::to_lowercase).collect();
        let n: String = needle.nfc().flat_map(char::to_lowercase).collect();
        h.contains(&n)
    } else {
        fold(haystack).contains(&fold(needle))
    }
}

/// Whether the text has any letter whose folded form differs from its lowercase.
pub fn has_diacritics(s: &str) -> bool {
    s.nfc()
        .any(|c| fold_char(c) != c.to_lowercase().next().unwrap_or(c))
}

const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Decompose a char into (primary letter index, tone 0..=5, is_upper).
fn collation_parts(c: char) -> (u32, u8, bool) {
    let upper = c.is_uppercase();
    let lower = c.to_lowercase().next().unwrap_or(c);
    let mut base = lower;
    let mut modifier: Option<char> = None;
    let mut tone = 0u8;
    let mut first = true;
    decompose_canonical(lower, |d| {
        if first {
            base = d;
            first = false;
            return;
        }
        match d {
            '\u{0300}' => tone = 1, // huyền
            '\u{0309}' => tone = 2, // hỏi
            '\u{0303}' => tone = 3, // ngã
            '\u{0301}' => tone = 4, // sắc
            '\u{0323}' => tone = 5, // nặng
            m => modifier = Some(m),
        }
    });
    let letter = match (base, modifier) {
        ('a', Some('\u{0306}')) => 'ă',
        ('a', Some('\u{0302}')) => 'â',
        ('e', Some('\u{0302}')) => 'ê',
        ('o', Some('\u{0302}')) => 'ô',
        ('o', Some('\u{031B}')) => 'ơ',
        ('u', Some('\u{031B}')) => 'ư',
        (b, _) => b,
    };
    let primary = if letter.is_whitespace() {
        1
    } else if let Some(d) = letter.to_digit(10) {
        10 + d
    } else if let Some(i) = ALPHABET.chars().position(|a| a == letter) {
        100 + i as u32
    } else if letter.is_alphanumeric() {
        1000 + letter as u32
    } else {
        // Punctuation sorts before letters and digits, after spaces.
        2 + (letter as u32 % 7)
    };
    (primary, tone, upper)
}

/// Compare two strings in Vietnamese alphabetical order: letters first
/// (a < ă < â, d < đ, o < ô < ơ, u < ư), then tones (none < huyền < hỏi < ngã
/// < sắc < nặng), then case, then code points.
pub fn collate(a: &str, b: &str) -> Ordering {
    let pa: Vec<_> = a.nfc().map(collation_parts).collect();
    let pb: Vec<_> = b.nfc().map(collation_parts).collect();
    let prim = |v: &[(u32, u8, bool)]| v.iter().map(|p| p.0).collect::<Vec<_>>();
    let tone = |v: &[(u32, u8, bool)]| v.iter().map(|p| p.1).collect::<Vec<_>>();
    let case = |v: &[(u32, u8, bool)]| v.iter().map(|p| p.2).collect::<Vec<_>>();
    prim(&pa)
        .cmp(&prim(&pb))
        .then_with(|| tone(&pa).cmp(&tone(&pb)))
        .then_with(|| case(&pa).cmp(&case(&pb)))
        .then_with(|| a.cmp(b))
}

/// Edit distance between the folded forms, for "did you mean" suggestions.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = fold(a).chars().collect();
    let b: Vec<char> = fold(b).chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Thừa Thiên Huế"), "thua thien hue");
        assert_eq!(fold("TP. Hồ Chí Minh"), "tp ho chi minh");
        assert_eq!(fold("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        // NFD input folds like NFC input
        assert_eq!(fold("Ha\u{0300} No\u{0302}\u{0323}i"), "ha noi");
    }

    #[test]
    fn matching_is_accent_insensitive_unless_query_has_accents() {
        assert!(matches("Hà Nội", "ha noi"));
        assert!(matches("Đà Nẵng", "da nang"));
        assert!(matches("Huế", "hue"));
        assert!(matches("Hà Nội", "Hà"));
        assert!(!matches("Hạ Long", "Hà"));
        assert!(!matches("Hà Nội", "hue"));
    }

    #[test]
    fn vietnamese_order() {
        let mut v = vec![
            "Đồng Nai",
            "Điện Biên",
            "Cà Mau",
            "An Giang",
            "Đà Nẵng",
            "Bắc Ninh",
            "Bà Rịa",
            "Yên Bái",
        ];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(
            v,
            [
                "An Giang",
                "Bà Rịa",
                "Bắc Ninh",
                "Cà Mau",
                "Đà Nẵng",
                "Điện Biên",
                "Đồng Nai",
                "Yên Bái"
            ]
        );
        let mut tones = vec!["mạ", "má", "mã", "mả", "mà", "ma"];
        tones.sort_by(|a, b| collate(a, b));
        assert_eq!(tones, ["ma", "mà", "mả", "mã", "má", "mạ"]);
        let mut letters = vec!["ư", "u", "ơ", "ô", "o", "đ", "d", "â", "ă", "a"];
        letters.sort_by(|a, b| collate(a, b));
        assert_eq!(letters, ["a", "ă", "â", "d", "đ", "o", "ô", "ơ", "u", "ư"]);
    }

    #[test]
    fn sanitize_strips_controls() {
        assert_eq!(sanitize("Hà\u{1b}[31mNội\u{7}\tx"), "Hà[31mNội x");
        assert_eq!(sanitize("a\u{202E}b"), "ab");
    }

    #[test]
    fn distance_on_folded_text() {
        assert_eq!(distance("Hà Nội", "ha noi"), 0);
        assert_eq!(distance("hue", "Huế"), 0);
        assert_eq!(distance("da nag", "Đà Nẵng"), 1);
    }
}
