//! Share links: a whole plan in the URL's fragment, which browsers never
//! send to a server. The plan file is deflated (by the browser's
//! `CompressionStream`, outside this core) and written in base64url after
//! `#/share/1/`; the `1` names this encoding, so a later one can be told
//! apart. The plan inside is a plan file like any other: its version's
//! migrations apply, so old links keep working.

/// Where a share link's fragment starts; the encoding's number follows.
const SHARE_ROUTE: &str = "#/share/";
/// The encoding links are made in.
const ENCODING: u32 = 1;

/// Above this length a link warns that some chat tools and mail clients
/// cut long links.
pub const LINK_WARN_CHARS: usize = 2_000;

/// The longest link offered: beyond it, browsers and the tools that carry
/// links differ too much (some address bars keep 32,000 characters), so
/// the file is the way to share.
pub const MAX_LINK_CHARS: usize = 32_000;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a link's data cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the address is not a share link")]
    NotALink,
    #[error("the link is made by a newer version of Funnel Planner")]
    NewerLink,
    #[error("the link is damaged or cut short")]
    Damaged,
}

/// Bytes as base64url without padding (RFC 4648 §5), safe in a fragment.
pub fn to_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads base64url without padding; anything else is damage.
pub fn from_base64url(text: &str) -> Result<Vec<u8>, LinkError> {
    let value = |c: u8| {
        ALPHABET
            .iter()
            .position(|&a| a == c)
            .map(|v| v as u32)
            .ok_or(LinkError::Damaged)
    };
    let bytes = text.as_bytes();
    // A lone character cannot hold a byte.
    if bytes.len() % 4 == 1 {
        return Err(LinkError::Damaged);
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let whole = chunk.len() - 1;
        out.extend_from_slice(&n.to_be_bytes()[1..=whole]);
    }
    Ok(out)
}

/// The deflated plan file a link carries, from the fragment
/// (`location.hash`).
pub fn link_data(hash: &str) -> Result<Vec<u8>, LinkError> {
    let rest = hash.strip_prefix(SHARE_ROUTE).ok_or(LinkError::NotALink)?;
    let (encoding, data) = rest.split_once('/').ok_or(LinkError::Damaged)?;
    match encoding.parse::<u32>() {
        Ok(ENCODING) if !data.is_empty() => from_base64url(data),
        Ok(newer) if newer > ENCODING => Err(LinkError::NewerLink),
        _ => Err(LinkError::Damaged),
    }
}

/// The fragment of a link carrying `deflated` (the plan file, deflated).
pub fn link_fragment(deflated: &[u8]) -> String {
    format!("{SHARE_ROUTE}{ENCODING}/{}", to_base64url(deflated))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn base64url_matches_the_rfc_examples_without_padding() {
        // RFC 4648 §10, padding dropped.
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(to_base64url(bytes.as_bytes()), text);
            assert_eq!(from_base64url(text).unwrap(), bytes.as_bytes());
        }
        // The two characters that differ from base64: URL-safe ones.
        assert_eq!(to_base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn a_link_names_its_encoding_and_refuses_what_it_cannot_read() {
        let fragment = link_fragment(b"plan");
        assert_eq!(fragment, "#/share/1/cGxhbg");
        assert_eq!(link_data(&fragment).unwrap(), b"plan");
        assert_eq!(link_data("#/share/2/cGxhbg"), Err(LinkError::NewerLink));
        for damaged in [
            "#/share/1/",
            "#/share/1/cGxh=g",
            "#/share/1/c",
            "#/share/1/cGx+bg",
            "#/share/x/cGxhbg",
            "#/share/cGxhbg",
        ] {
            assert_eq!(link_data(damaged), Err(LinkError::Damaged), "{damaged}");
        }
        assert_eq!(link_data("#/p/main/flow"), Err(LinkError::NotALink));
    }

    proptest! {
        #[test]
        fn any_bytes_travel_through_base64url(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = to_base64url(&bytes);
            prop_assert!(text.bytes().all(|b| ALPHABET.contains(&b)));
            prop_assert_eq!(from_base64url(&text).unwrap(), bytes);
        }

        #[test]
        fn no_text_makes_the_reader_panic(text in "\\PC{0,64}") {
            let _ = from_base64url(&text);
            let _ = link_data(&format!("#/share/1/{text}"));
        }
    }
}
