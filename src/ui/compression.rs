//! Deflate through the browser's own `CompressionStream` and
//! `DecompressionStream`: no compression code ships with the app.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

// web-sys marks the compression streams unstable; they are in every
// browser the app supports, and these bindings are all it uses of them.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// Why a stream did not give its bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum StreamError {
    Failed,
    /// More than the limit came out: a plan is never that large.
    TooLarge,
}

/// Runs `bytes` through a compression or decompression stream, keeping at
/// most `limit` bytes of its output (a small link must not inflate into
/// gigabytes).
async fn through(
    bytes: &[u8],
    readable: web_sys::ReadableStream,
    writable: web_sys::WritableStream,
    limit: usize,
) -> Result<Vec<u8>, StreamError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob =
        web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| StreamError::Failed)?;
    let pair = web_sys::ReadableWritablePair::new(&readable, &writable);
    let reader: web_sys::ReadableStreamDefaultReader = blob
        .stream()
        .pipe_through(&pair)
        .get_reader()
        .unchecked_into();
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|_| StreamError::Failed)?;
        let field = |name: &str| js_sys::Reflect::get(&step, &JsValue::from_str(name));
        if field("done").map_or(true, |done| done.is_truthy()) {
            return Ok(out);
        }
        let chunk = js_sys::Uint8Array::new(&field("value").map_err(|_| StreamError::Failed)?);
        if out.len() + chunk.length() as usize > limit {
            let _ = reader.cancel();
            return Err(StreamError::TooLarge);
        }
        out.extend(chunk.to_vec());
    }
}

/// Deflates `bytes` (raw deflate, RFC 1951).
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, StreamError> {
    let stream = CompressionStream::new("deflate-raw").map_err(|_| StreamError::Failed)?;
    // Deflate never grows data by more than a few bytes per block.
    through(
        bytes,
        stream.readable(),
        stream.writable(),
        bytes.len() + 1024,
    )
    .await
}

/// Inflates raw deflate data, refusing output beyond `limit` bytes.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, StreamError> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|_| StreamError::Failed)?;
    through(bytes, stream.readable(), stream.writable(), limit).await
}
