fn main() -> std::process::ExitCode {
    pii_explorer::cli::main()
}
