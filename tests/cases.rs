//! Every case file in `tests/cases/` under `cargo test`, one test per file.
//!
//! The files are found when the tests run, so a new case file is tested by adding it. Each file's
//! rule set is loaded and every case run (`authoring::cases::run`); a file fails with every
//! mismatching case listed, by case name and seed line. A small harness of its own (`harness =
//! false` in `Cargo.toml`) gives one test per file without listing the files in code; it understands
//! name filters, `--skip`, `--exact`, `--list` and `--ignored` as libtest does, and ignores libtest's
//! other options.

// The case files are read from disk: native only (on wasm32 this is an empty program).
#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::support;
    use case_assessor::authoring::{cases, files};
    use std::path::Path;
    use std::process::ExitCode;

    /// Runs the case file at `path`: `Ok(number of cases)` or every failure, one per line.
    fn run_file(path: &Path) -> Result<usize, String> {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let file = cases::parse(&name, &text).map_err(|r| r.to_string())?;
        if file.cases.is_empty() {
            return Err(format!("{name}: no cases"));
        }
        let rules_path = path.parent().unwrap_or(Path::new(".")).join(&file.rules);
        let rules = files::load(&rules_path).map_err(|e| e.to_string())?;
        let fails = cases::run(&rules, &file);
        if fails.is_empty() {
            Ok(file.cases.len())
        } else {
            Err(format!(
                "{name}: {} of {} cases fail:\n  {}",
                fails.len(),
                file.cases.len(),
                fails.join("\n  ")
            ))
        }
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let flag = |f: &str| args.iter().any(|a| a == f);
        // libtest's options that take a value as the next argument.
        const WITH_VALUE: &[&str] = &[
            "--skip",
            "--test-threads",
            "--format",
            "--color",
            "--logfile",
            "--shuffle-seed",
            "-Z",
        ];
        let (mut filters, mut skips) = (Vec::new(), Vec::new());
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "--skip" {
                skips.extend(it.next());
            } else if WITH_VALUE.contains(&a.as_str()) {
                it.next();
            } else if !a.starts_with('-') {
                filters.push(a);
            }
        }
        let exact = flag("--exact");
        let hit = |name: &str, pattern: &str| {
            if exact {
                name == pattern
            } else {
                name.contains(pattern)
            }
        };
        let matches = |name: &str| {
            (filters.is_empty() || filters.iter().any(|f| hit(name, f)))
                && !skips.iter().any(|s| hit(name, s))
        };
        let tests: Vec<(String, std::path::PathBuf)> = support::case_files()
            .into_iter()
            .map(|p| {
                let stem = p.file_stem().map(|s| s.to_string_lossy().to_string());
                (format!("case_file::{}", stem.unwrap_or_default()), p)
            })
            .collect();
        if tests.is_empty() {
            eprintln!("no case files in tests/cases/");
            return ExitCode::FAILURE;
        }
        if flag("--list") {
            for (name, _) in tests.iter().filter(|(n, _)| matches(n)) {
                println!("{name}: test");
            }
            return ExitCode::SUCCESS;
        }
        // There are no ignored tests: `--ignored` runs none.
        let selected: Vec<_> = tests
            .iter()
            .filter(|(n, _)| matches(n) && !flag("--ignored"))
            .collect();
        println!("\nrunning {} tests", selected.len());
        let mut failures = Vec::new();
        for (name, path) in &selected {
            match run_file(path) {
                Ok(n) => println!("test {name} ... ok ({n} cases)"),
                Err(e) => {
                    println!("test {name} ... FAILED");
                    failures.push((name, e));
                }
            }
        }
        if !failures.is_empty() {
            println!("\nfailures:\n");
            for (name, e) in &failures {
                println!("---- {name} ----\n{e}\n");
            }
        }
        let (passed, failed) = (selected.len() - failures.len(), failures.len());
        println!(
            "\ntest result: {}. {passed} passed; {failed} failed; 0 ignored; 0 measured; {} filtered out\n",
            if failed == 0 { "ok" } else { "FAILED" },
            tests.len() - selected.len()
        );
        if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
