fn main() {
    // The built-in theme is compiled in with include_dir!, which cannot tell
    // cargo about its files itself.
    println!("cargo:rerun-if-changed=themes/default");
}
