/// Talc instead of the default dlmalloc: smaller and faster for a
/// single-threaded wasm page.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // The app only runs in the browser; a native build of the binary is a no-op
    // so `cargo test` can build the whole crate on the host.
    #[cfg(target_arch = "wasm32")]
    funnel_planner::start();
}
