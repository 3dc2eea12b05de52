//! What the benchmarks share: timing, child processes with their peak memory,
//! incompressible test files and the result table.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub const MIB: u64 = 1 << 20;

pub fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

pub fn verdict(ok: bool, target: &str) -> String {
    format!("{} (target {target})", if ok { "met" } else { "NOT MET" })
}

pub fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

pub fn run(cmd: &mut Command) {
    let status = cmd.status().expect("the command starts");
    assert!(status.success(), "{cmd:?} failed");
}

/// Runs `program args…` to completion; returns its duration and peak
/// resident memory in KiB (GNU time's exact figure when installed, else the
/// child's VmHWM polled from /proc).
pub fn measured(program: &str, args: &[&std::ffi::OsStr], rss_file: &Path) -> (Duration, u64) {
    let gnu_time = Path::new("/usr/bin/time");
    let mut cmd = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("%M").arg("-o").arg(rss_file).arg(program);
        c
    } else {
        Command::new(program)
    };
    cmd.args(args).stdout(std::process::Stdio::null());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("the program starts");
    let polled = watch_peak_rss(&mut child);
    let took = start.elapsed();
    let peak = std::fs::read_to_string(rss_file).ok().and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or(polled);
    (took, peak)
}

/// Waits for `child`, polling its peak resident set (VmHWM, KiB) meanwhile.
pub fn watch_peak_rss(child: &mut std::process::Child) -> u64 {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        match child.try_wait().expect("wait for the child") {
            Some(status) => {
                assert!(status.success(), "the measured command failed");
                return peak;
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Incompressible bytes (xorshift64* from `seed`), written in 1 MiB blocks.
pub fn write_random_seeded(path: &Path, len: u64, seed: u64) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create the test file"));
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0xA24B_AED4_963E_E407);
    let mut block = vec![0u8; MIB as usize];
    let mut left = len;
    while left > 0 {
        for chunk in block.chunks_exact_mut(8) {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            chunk.copy_from_slice(&x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
        }
        let n = left.min(MIB) as usize;
        f.write_all(&block[..n]).expect("write the test file");
        left -= n as u64;
    }
    f.into_inner().expect("flush").sync_all().expect("sync the test file");
}

pub fn write_random(path: &Path, len: u64) {
    write_random_seeded(path, len, 0);
}

/// Prints (measure, value, note) rows as a table.
pub fn print_table(results: &[(String, String, String)]) {
    let w = results.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    println!("\n{:<w$}  {:>12}  note", "measure", "value");
    println!("{}", "-".repeat(w + 30));
    for (what, value, note) in results {
        println!("{what:<w$}  {value:>12}  {note}");
    }
}
