//! A hello world with a field, as small as Leptos makes it.

use leptos::prelude::*;

fn main() {
    mount_to_body(|| {
        let name = RwSignal::new(String::from("world"));
        view! {
            <label>"Name " <input prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <p>"Hello, " {name} "!"</p>
        }
    });
}
