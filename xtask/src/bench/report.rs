//! The JSON lines of the harness's processes, and the markdown table of their medians.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::Command;

use serde_json::Value;

use super::callgrind::Count;

/// The columns, in order; a contender not listed here comes after them.
const CONTENDERS: &[&str] = &[
    "jose-rs",
    "jose-jws",
    "jsonwebtoken",
    "jsonwebtoken (aws-lc-rs)",
    "jwt-compact",
    "jwt-simple",
    "josekit",
    "floor",
    "floor+claims",
    "raw aes-gcm",
];

/// One contender on one workload in one process.
#[derive(Debug)]
pub struct Op {
    group: String,
    workload: String,
    contender: String,
    ns: f64,
    vs: BTreeMap<String, f64>,
}

/// The throughput of one shared verifier on some threads, in one process.
#[derive(Debug)]
pub struct Threads {
    workload: String,
    contender: String,
    threads: u64,
    ops_per_sec: f64,
    vs: BTreeMap<String, f64>,
    /// On more than one thread: the median over the process's rounds of the round's speed-up
    /// (N-thread rate ÷ one-thread rate, measured back to back), and its range.
    speedup: Option<(f64, f64, f64)>,
}

/// What one process printed.
#[derive(Debug)]
pub struct Run {
    build: String,
    meta: Value,
    ops: Vec<Op>,
    threads: Vec<Threads>,
}

fn text(v: &Value, key: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("harness output: no string {key:?} in {v}"))
}

fn number(v: &Value, key: &str) -> Result<f64, String> {
    v.get(key)
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("harness output: no number {key:?} in {v}"))
}

fn ratios(v: &Value) -> BTreeMap<String, f64> {
    v.get("vs")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, r)| r.as_f64().map(|r| (k.clone(), r)))
                .collect()
        })
        .unwrap_or_default()
}

impl Run {
    pub fn parse(build: &str, stdout: &str) -> Result<Self, String> {
        let mut run = Run {
            build: build.to_owned(),
            meta: Value::Null,
            ops: Vec::new(),
            threads: Vec::new(),
        };
        for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line)
                .map_err(|e| format!("harness output is not JSON ({e}): {line}"))?;
            match v.get("kind").and_then(Value::as_str) {
                Some("meta") => run.meta = v,
                Some("op") => run.ops.push(Op {
                    group: text(&v, "group")?,
                    workload: text(&v, "workload")?,
                    contender: text(&v, "contender")?,
                    ns: number(&v, "ns")?,
                    vs: ratios(&v),
                }),
                Some("threads") => run.threads.push(Threads {
                    workload: text(&v, "workload")?,
                    contender: text(&v, "contender")?,
                    threads: number(&v, "threads")? as u64,
                    ops_per_sec: number(&v, "ops_per_sec")?,
                    vs: ratios(&v),
                    speedup: match (
                        v.get("speedup").and_then(Value::as_f64),
                        v.get("speedup_min").and_then(Value::as_f64),
                        v.get("speedup_max").and_then(Value::as_f64),
                    ) {
                        (Some(m), Some(lo), Some(hi)) => Some((m, lo, hi)),
                        _ => None,
                    },
                }),
                _ => return Err(format!("harness output: unknown line {line}")),
            }
        }
        if run.ops.is_empty() {
            return Err("the harness timed nothing".into());
        }
        Ok(run)
    }

    /// The contenders this run timed on `workload`, in its order.
    pub fn contenders_of(&self, workload: &str) -> Vec<String> {
        self.ops
            .iter()
            .filter(|o| o.workload == workload)
            .map(|o| o.contender.clone())
            .collect()
    }

    /// Whether this run's line for `contender` belongs in the table: the aws-lc build
    /// contributes only its jsonwebtoken column.
    fn keeps(&self, contender: &str) -> bool {
        self.build != "aws-lc" || contender.starts_with("jsonwebtoken")
    }
}

/// Where the numbers come from.
pub struct Machine {
    cpu: String,
    cores: usize,
    os: String,
    rustc: String,
    date: String,
    processes: usize,
    quick: bool,
}

fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}

impl Machine {
    pub fn here(processes: usize, quick: bool) -> Self {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        Self {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            os: command_line("uname", &["-sr"]),
            rustc: command_line("rustc", &["--version"]),
            date: command_line("date", &["-u", "+%Y-%m-%d"]),
            processes,
            quick,
        }
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return None;
    }
    let hi = values.get(n / 2).copied()?;
    if n % 2 == 1 {
        Some(hi)
    } else {
        Some((values.get(n / 2 - 1).copied()? + hi) / 2.0)
    }
}

fn range(values: &[f64]) -> Option<(f64, f64)> {
    let lo = values.iter().copied().reduce(f64::min)?;
    let hi = values.iter().copied().reduce(f64::max)?;
    Some((lo, hi))
}

fn time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Every process's line of one (workload, contender).
struct Cell<'r> {
    ops: Vec<&'r Op>,
}

impl Cell<'_> {
    fn ns(&self) -> Option<f64> {
        median(self.ops.iter().map(|o| o.ns).collect())
    }

    fn per_process(&self, reference: &str) -> Vec<f64> {
        self.ops
            .iter()
            .filter_map(|o| o.vs.get(reference).copied())
            .collect()
    }

    fn vs(&self, reference: &str) -> Option<f64> {
        median(self.per_process(reference))
    }

    /// The spread of the time over processes, ± % of the median.
    fn ns_spread(&self) -> Option<f64> {
        let ns: Vec<f64> = self.ops.iter().map(|o| o.ns).collect();
        let (lo, hi) = range(&ns)?;
        Some((hi - lo) / 2.0 / self.ns()? * 100.0)
    }
}

/// The cells of every workload, in the order the harness ran them.
struct Table<'r> {
    workloads: Vec<(String, String)>,
    cells: BTreeMap<(String, String), Cell<'r>>,
    contenders: Vec<String>,
}

impl<'r> Table<'r> {
    fn new(runs: &'r [Run]) -> Self {
        let mut table = Table {
            workloads: Vec::new(),
            cells: BTreeMap::new(),
            contenders: CONTENDERS.iter().map(|c| (*c).to_owned()).collect(),
        };
        for run in runs {
            for op in run.ops.iter().filter(|o| run.keeps(&o.contender)) {
                let workload = (op.group.clone(), op.workload.clone());
                if !table.workloads.contains(&workload) {
                    table.workloads.push(workload);
                }
                if !table.contenders.contains(&op.contender) {
                    table.contenders.push(op.contender.clone());
                }
                table
                    .cells
                    .entry((op.workload.clone(), op.contender.clone()))
                    .or_insert(Cell { ops: Vec::new() })
                    .ops
                    .push(op);
            }
        }
        table
    }

    fn cell(&self, workload: &str, contender: &str) -> Option<&Cell<'r>> {
        self.cells.get(&(workload.to_owned(), contender.to_owned()))
    }

    /// jose-rs, or below the JWT layer jose-jws where jose-rs has no entry.
    fn reference(&self, workload: &str) -> Option<&'static str> {
        ["jose-rs", "jose-jws"]
            .into_iter()
            .find(|r| self.cell(workload, r).is_some())
    }
}

fn group_title(group: &str) -> &'static str {
    match group {
        "jwt" => {
            "JWT: sign, and verify with `exp`/`iss`/`aud` validation (one ~200-byte claims set)"
        }
        "jwe" => "JWE, compact serialization (the claims set as plaintext)",
        "bulk" => "A256GCM with a 1 MiB plaintext (`dir`; MB/s in brackets)",
        "nested" => "Nested JWT: RS256 inside RSA-OAEP-256 + A256GCM",
        _ => "Other",
    }
}

/// The markdown of all runs.
pub fn markdown(
    runs: &[Run],
    machine: &Machine,
    notes: &[String],
    instructions: &[Count],
) -> Result<String, String> {
    let table = Table::new(runs);
    let mut out = String::new();
    let main_runs = runs.iter().filter(|r| r.build != "aws-lc").count();
    let meta = runs.first().map(|r| &r.meta).unwrap_or(&Value::Null);
    let _ = writeln!(
        out,
        "# jose-rs beside the crates users would pick instead\n"
    );
    let _ = writeln!(
        out,
        "`cargo xtask bench --peers{}` on {}: {} ({} cores), {}, {}. {} process{} of {} round{} \
         (batches of ~{} ms){}. Each cell is the median over processes of the median over \
         rounds; every ratio is taken inside one round of one process. Before timing, every \
         contender verified every other's token and refused a tampered, an expired and a \
         wrong-`aud` token ({} acceptances, {} refusals per process).\n",
        if machine.quick { " --quick" } else { "" },
        machine.date,
        machine.cpu,
        machine.cores,
        machine.os,
        machine.rustc,
        main_runs,
        if main_runs == 1 { "" } else { "es" },
        meta.get("rounds").and_then(Value::as_u64).unwrap_or(0),
        if meta.get("rounds").and_then(Value::as_u64) == Some(1) {
            ""
        } else {
            "s"
        },
        meta.get("batch_ms").and_then(Value::as_u64).unwrap_or(0),
        if runs.iter().any(|r| r.build == "aws-lc") {
            format!(
                ", and {} of the aws-lc build (jsonwebtoken's other backend, JWT workloads only)",
                machine.processes
            )
        } else {
            String::new()
        },
        meta.get("accepted").and_then(Value::as_u64).unwrap_or(0),
        meta.get("refused").and_then(Value::as_u64).unwrap_or(0),
    );
    for note in notes {
        let _ = writeln!(out, "- {note}");
    }
    if !notes.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Floors, on the RustCrypto generation jose-rs uses: `floor` is the primitive alone \
         (verify: base64url-decode the signature and verify it over the signing input; sign: \
         sign and base64url-encode; JWE: fresh CEK and IV, the key management and content \
         encryption primitives, base64url of the segments); `floor+claims` adds the claims \
         work of a JWT (payload base64url + `serde` into a struct + `exp`/`iss`/`aud` checks). \
         `jose-jws` is jose-rs below the JWT layer (compact JWS of the claims bytes, payload \
         bytes out, no claims). `raw aes-gcm` is `aes-gcm` alone, no JOSE. In the first \
         tables a contender's cell is its time per operation and, in brackets, that time ÷ \
         jose-rs's (÷ jose-jws's where jose-rs has no entry): below 1 is faster than jose-rs.\n"
    );
    summary(&mut out, &table);
    targets(&mut out, &table);
    faster_peers::faster_peers(&mut out, &table);
    threads(&mut out, runs);
    callgrind(&mut out, instructions);
    full(&mut out, &table);
    Ok(out)
}

fn callgrind(out: &mut String, counts: &[Count]) {
    if counts.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Instructions per verification (callgrind)\n");
    let _ = writeln!(
        out,
        "Counted by `valgrind --tool=callgrind` in the harness's `--profile` loop. Valgrind \
         hides SHA-NI (and other extensions the crates detect at run time), so the primitives \
         run slower code paths than natively: only the instructions above the floor compare.\n"
    );
    let _ = writeln!(
        out,
        "| workload | contender | instructions | above floor | above floor+claims |\n|---|---|---|---|---|"
    );
    let floor = |workload: &str, name: &str| {
        counts
            .iter()
            .find(|c| c.workload == workload && c.contender == name)
            .map(|c| c.instructions)
    };
    for count in counts {
        let above = |name: &str| {
            floor(&count.workload, name)
                .map_or("—".into(), |f| format!("{:+.0}", count.instructions - f))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {:.0} | {} | {} |",
            count.workload,
            count.contender,
            count.instructions,
            above("floor"),
            above("floor+claims")
        );
    }
    out.push('\n');
}

fn summary(out: &mut String, table: &Table<'_>) {
    let mut groups: Vec<&str> = Vec::new();
    for (group, _) in &table.workloads {
        if !groups.contains(&group.as_str()) {
            groups.push(group);
        }
    }
    for group in groups {
        let workloads: Vec<&str> = table
            .workloads
            .iter()
            .filter(|(g, _)| g == group)
            .map(|(_, w)| w.as_str())
            .collect();
        let columns: Vec<&str> = table
            .contenders
            .iter()
            .map(String::as_str)
            .filter(|c| workloads.iter().any(|w| table.cell(w, c).is_some()))
            .collect();
        let _ = writeln!(out, "## {}\n", group_title(group));
        let _ = writeln!(out, "| workload | {} |", columns.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(columns.len()));
        for workload in workloads {
            let reference = table.reference(workload);
            let cells: Vec<String> = columns
                .iter()
                .map(|c| {
                    let Some(cell) = table.cell(workload, c) else {
                        return "—".to_owned();
                    };
                    let Some(ns) = cell.ns() else {
                        return "—".to_owned();
                    };
                    let mut text = time(ns);
                    if group == "bulk" {
                        let _ = write!(text, " [{:.0} MB/s]", (1u64 << 20) as f64 / ns * 1e3);
                    }
                    match reference.filter(|r| r != c).and_then(|r| cell.vs(r)) {
                        Some(ratio) => format!("{text} ({ratio:.2}×)"),
                        None => text,
                    }
                })
                .collect();
            let _ = writeln!(out, "| {workload} | {} |", cells.join(" | "));
        }
        out.push('\n');
    }
}

/// The targets of issue 9, with what the runs measured.
fn targets(out: &mut String, table: &Table<'_>) {
    let mut rows: Vec<(String, String, &str, &str, f64)> = vec![
        (
            "HS256 JWT verify with validation ≤ 1.15× floor+claims".into(),
            "HS256 verify".into(),
            "jose-rs",
            "floor+claims",
            1.15,
        ),
        (
            "HS256 JWT sign ≤ 1.15× floor+claims".into(),
            "HS256 sign".into(),
            "jose-rs",
            "floor+claims",
            1.15,
        ),
        (
            "HS256 JWS verify, compact, payload out ≤ 1.5× floor".into(),
            "HS256 verify".into(),
            "jose-jws",
            "floor",
            1.5,
        ),
    ];
    for alg in ["RS256", "PS256", "ES256", "ES384", "EdDSA"] {
        for op in ["sign", "verify"] {
            rows.push((
                format!("{alg} JWS {op} ≤ 1.05× floor"),
                format!("{alg} {op}"),
                "jose-jws",
                "floor",
                1.05,
            ));
        }
        rows.push((
            format!("{alg} JWT verify with validation ≤ 1.1× jose-jws verify"),
            format!("{alg} verify"),
            "jose-rs",
            "jose-jws",
            1.1,
        ));
    }
    for jwe in [
        "dir+A256GCM",
        "RSA-OAEP-256+A256GCM",
        "ECDH-ES+A128KW+A128GCM",
        "A128KW+A128CBC-HS256",
    ] {
        for op in ["encrypt", "decrypt"] {
            rows.push((
                format!("JWE {jwe} {op} ≤ 1.1× floor"),
                format!("{jwe} {op}"),
                "jose-rs",
                "floor",
                1.1,
            ));
        }
    }
    for op in ["encrypt", "decrypt"] {
        rows.push((
            format!("A256GCM 1 MiB {op} ≥ 0.9× raw aes-gcm throughput (time ≤ 1.11×)"),
            format!("A256GCM 1 MiB {op}"),
            "jose-rs",
            "raw aes-gcm",
            1.0 / 0.9,
        ));
    }
    let _ = writeln!(out, "## Targets (issue 9)\n");
    let _ = writeln!(
        out,
        "| target | ratio (median over processes) | per process (min–max) | met |\n|---|---|---|---|"
    );
    for (label, workload, contender, reference, limit) in rows {
        let Some(cell) = table.cell(&workload, contender) else {
            let _ = writeln!(out, "| {label} | — ({contender} not measured) | — | — |");
            continue;
        };
        let per_process = cell.per_process(reference);
        match (cell.vs(reference), range(&per_process)) {
            (Some(ratio), Some((lo, hi))) => {
                let met = if ratio <= limit { "yes" } else { "**no**" };
                let _ = writeln!(out, "| {label} | {ratio:.2} | {lo:.2}–{hi:.2} | {met} |");
            }
            _ => {
                let _ = writeln!(out, "| {label} | — ({reference} not measured) | — | — |");
            }
        }
    }
    out.push('\n');
}

fn threads(out: &mut String, runs: &[Run]) {
    // (workload, contender) -> threads -> rates, ratios to the reference, per-process
    // speed-ups (median, min, max over the process's rounds)
    type Rates = BTreeMap<u64, (Vec<f64>, Vec<f64>, Vec<(f64, f64, f64)>)>;
    let mut order: Vec<(String, String)> = Vec::new();
    let mut data: BTreeMap<(String, String), Rates> = BTreeMap::new();
    for run in runs {
        for t in run.threads.iter().filter(|t| run.keeps(&t.contender)) {
            let key = (t.workload.clone(), t.contender.clone());
            if !order.contains(&key) {
                order.push(key.clone());
            }
            let reference = ["jose-rs", "jose-jws"]
                .into_iter()
                .find_map(|r| t.vs.get(r).copied());
            let entry = data.entry(key).or_default().entry(t.threads).or_default();
            entry.0.push(t.ops_per_sec);
            entry.1.extend(reference);
            entry.2.extend(t.speedup);
        }
    }
    if order.is_empty() {
        return;
    }
    let counts: Vec<u64> = {
        let mut c: Vec<u64> = data.values().flat_map(|r| r.keys().copied()).collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let most = counts.last().copied().unwrap_or(1);
    let _ = writeln!(
        out,
        "## Verifications per second, one key shared by all threads\n"
    );
    let _ = writeln!(
        out,
        "Each round measures a contender on one thread and on {most} back to back (the order \
         alternating), so the speed-up is taken inside a round; the table gives the median over \
         processes of each process's median, and the range over every round. A speed-up above \
         {most} cannot be real ({most} threads do at most {most} times the work): it is marked \
         as noise, and the machine was too busy for that figure.\n"
    );
    let _ = writeln!(
        out,
        "| workload | contender | {} | speed-up ×{most} | range over rounds | time ÷ jose-rs at {most} threads | speed-up ≥ 0.9×{most} (jose-rs) |",
        counts
            .iter()
            .map(|n| format!("{n} thread{}", if *n == 1 { "" } else { "s" }))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(
        out,
        "|---|---|{}---|---|---|---|",
        "---|".repeat(counts.len())
    );
    for key in order {
        let Some(rates) = data.get(&key) else {
            continue;
        };
        let medians: Vec<Option<f64>> = counts
            .iter()
            .map(|n| rates.get(n).and_then(|(r, _, _)| median(r.clone())))
            .collect();
        let cells: Vec<String> = medians
            .iter()
            .map(|m| m.map_or("—".into(), |r| format!("{r:.0}")))
            .collect();
        let per_process = rates
            .get(&most)
            .map(|(_, _, s)| s.clone())
            .unwrap_or_default();
        let speedup = if counts.len() < 2 {
            None
        } else if per_process.is_empty() {
            // An older harness: the ratio of the medians.
            match (
                medians.first().copied().flatten(),
                medians.last().copied().flatten(),
            ) {
                (Some(one), Some(all)) => Some(all / one),
                _ => None,
            }
        } else {
            median(per_process.iter().map(|s| s.0).collect())
        };
        let range = per_process
            .iter()
            .map(|s| (s.1, s.2))
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
            .map_or("—".into(), |(lo, hi)| format!("{lo:.2}–{hi:.2}"));
        let noise = speedup.is_some_and(|s| s > most as f64);
        let met = match speedup {
            _ if noise => "noise",
            Some(s) if key.1 == "jose-rs" || key.1 == "jose-jws" => {
                if s >= 0.9 * most as f64 {
                    "yes"
                } else {
                    "**no**"
                }
            }
            _ => "—",
        };
        let speedup = speedup.map_or("—".into(), |s| {
            format!("{s:.2}{}", if noise { " (noise)" } else { "" })
        });
        let ratio = rates
            .get(&most)
            .and_then(|(_, ratios, _)| median(ratios.clone()))
            .map_or("—".into(), |r| format!("{r:.2}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {speedup} | {range} | {ratio} | {met} |",
            key.0,
            key.1,
            cells.join(" | ")
        );
    }
    out.push('\n');
}

fn full(out: &mut String, table: &Table<'_>) {
    let _ = writeln!(out, "## Every measurement\n");
    let _ = writeln!(
        out,
        "Time ÷ reference, the median over processes of each process's median over rounds; \
         the spread is that of the ratio to jose-rs (jose-jws where jose-rs has no entry) \
         over processes, and of the time (± half the range, in % of the median).\n"
    );
    let _ = writeln!(
        out,
        "| workload | contender | time/op | ÷ jose-rs | ÷ jose-jws | ÷ floor | ÷ floor+claims | ÷ raw aes-gcm | ratio min–max | time ± |\n|---|---|---|---|---|---|---|---|---|---|"
    );
    for (_, workload) in &table.workloads {
        let reference = table.reference(workload);
        for contender in &table.contenders {
            let Some(cell) = table.cell(workload, contender) else {
                continue;
            };
            let ratio = |r: &str| {
                if r == contender {
                    "1".to_owned()
                } else {
                    cell.vs(r).map_or("—".into(), |v| format!("{v:.2}"))
                }
            };
            let spread = reference
                .filter(|r| r != contender)
                .and_then(|r| range(&cell.per_process(r)))
                .map_or("—".into(), |(lo, hi)| format!("{lo:.2}–{hi:.2}"));
            let _ = writeln!(
                out,
                "| {workload} | {contender} | {} | {} | {} | {} | {} | {} | {spread} | {} |",
                cell.ns().map_or("—".into(), time),
                ratio("jose-rs"),
                ratio("jose-jws"),
                ratio("floor"),
                ratio("floor+claims"),
                ratio("raw aes-gcm"),
                cell.ns_spread().map_or("—".into(), |s| format!("{s:.0} %")),
            );
        }
    }
}

mod faster_peers;

#[cfg(test)]
mod tests;
