//! Instructions per operation under `valgrind --tool=callgrind`, counted inside the harness's
//! `--profile` loop only (key generation and the checks before it are not collected).

use std::path::Path;
use std::process::Command;

use super::report::Run;

/// The workloads counted, with the calls per count (enough to drown the loop's own cost).
const WORKLOADS: [(&str, u64); 2] = [("HS256 verify", 2_000), ("ES256 verify", 40)];

/// One count: workload, contender, instructions per call.
pub struct Count {
    pub workload: String,
    pub contender: String,
    pub instructions: f64,
}

/// Counts every contender the runs timed on the [`WORKLOADS`].
pub fn run(binary: &Path, runs: &[Run]) -> Result<Vec<Count>, String> {
    let valgrind = Command::new("valgrind").arg("--version").output();
    if !valgrind.is_ok_and(|o| o.status.success()) {
        return Err("--callgrind needs valgrind (`apt-get install valgrind`)".into());
    }
    let out_file =
        std::env::temp_dir().join(format!("jose-peers-callgrind-{}", std::process::id()));
    let mut counts = Vec::new();
    for (workload, iterations) in WORKLOADS {
        for contender in runs
            .first()
            .map(|r| r.contenders_of(workload))
            .unwrap_or_default()
        {
            eprint!("== callgrind {workload}/{contender} … ");
            let output = Command::new("valgrind")
                .args([
                    "--tool=callgrind",
                    "--collect-atstart=no",
                    "--toggle-collect=*profile_loop*",
                ])
                .arg(format!("--callgrind-out-file={}", out_file.display()))
                .arg(binary)
                .args(["--fixed-keys", "--groups", "jwt", "--profile"])
                .arg(format!("{workload}/{contender}"))
                .arg("--iterations")
                .arg(iterations.to_string())
                .output()
                .map_err(|e| format!("cannot run valgrind: {e}"))?;
            if !output.status.success() {
                return Err(format!(
                    "callgrind of {workload}/{contender} failed:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            let total = std::fs::read_to_string(&out_file)
                .ok()
                .and_then(|text| {
                    text.lines()
                        .find_map(|l| l.strip_prefix("summary:").or(l.strip_prefix("totals:")))
                        .and_then(|n| n.split_whitespace().next()?.parse::<f64>().ok())
                })
                .ok_or_else(|| format!("no instruction total in {}", out_file.display()))?;
            let per_call = total / iterations as f64;
            eprintln!("{per_call:.0} instructions per call");
            counts.push(Count {
                workload: workload.to_owned(),
                contender,
                instructions: per_call,
            });
        }
    }
    let _ = std::fs::remove_file(&out_file);
    Ok(counts)
}
