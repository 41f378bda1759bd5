fn main() {
    // The app only runs in the browser; a native build of the binary is a no-op
    // so `cargo test` can build the whole crate on the host.
    #[cfg(target_arch = "wasm32")]
    funnel_planner::start();
}
