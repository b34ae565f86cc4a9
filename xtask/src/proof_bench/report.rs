//! BENCHMARKS.md from one run's figures: the machine and versions, a summary table of
//! ours beside each peer with the ratio, then each comparison with how it was made.
//! A figure a part did not print shows as "n/a"; slower results are written as slower.

use std::fmt::Write as _;

use serde_json::Value;

use super::machine::Machine;
use super::{Figures, Settings};
use crate::sizes::{Sizes, kb};

/// The whole report.
pub fn markdown(
    settings: &Settings,
    machine: &Machine,
    figures: &Figures,
    sizes: &Sizes,
) -> String {
    let mut md = String::new();
    header(&mut md, settings, machine);
    summary(&mut md, figures, sizes);
    scoring(&mut md, figures);
    storage(&mut md, figures);
    capture(&mut md, figures);
    training(&mut md, figures);
    size_section(&mut md, sizes);
    lighthouse(&mut md, figures);
    md
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn ms(v: Option<f64>) -> String {
    match v {
        Some(x) if x >= 10_000.0 => format!("{:.1} s", x / 1000.0),
        Some(x) if x >= 100.0 => format!("{x:.0} ms"),
        Some(x) => format!("{x:.1} ms"),
        None => "n/a".into(),
    }
}

fn per_s(count: Option<f64>, millis: Option<f64>) -> String {
    match (count, millis) {
        (Some(n), Some(t)) if t > 0.0 => format!("{:.0}", n / (t / 1000.0)),
        _ => "n/a".into(),
    }
}

/// How ours compares when smaller is better (times): "4.2× faster" or "1.3× slower".
fn time_ratio(ours: Option<f64>, peer: Option<f64>) -> String {
    match (ours, peer) {
        (Some(o), Some(p)) if o > 0.0 && p > 0.0 && p >= o => format!("{:.1}× faster", p / o),
        (Some(o), Some(p)) if o > 0.0 && p > 0.0 => format!("{:.1}× slower", o / p),
        _ => "n/a".into(),
    }
}

/// How ours compares when larger is better (throughput): share of the peer's.
fn rate_ratio(ours: Option<f64>, peer: Option<f64>) -> String {
    match (ours, peer) {
        (Some(o), Some(p)) if p > 0.0 => format!("{:.0}%", 100.0 * o / p),
        _ => "n/a".into(),
    }
}

fn header(md: &mut String, settings: &Settings, machine: &Machine) {
    let _ = writeln!(md, "# leadkit benchmarks\n");
    let _ = writeln!(
        md,
        "Written by `cargo xtask proof-bench` on {}: every figure below comes from that one run \
         on one machine, each the median of {} runs (the capture endpoint: of {} runs of {} s). \
         Times are wall-clock; nothing here is asserted, and a slower result is reported as it is. \
         CI does not run this command.\n",
        machine.date,
        settings.runs,
        settings.runs.min(3),
        settings.capture_seconds,
    );
    let cores: f64 = machine.cores.parse().unwrap_or(1.0);
    let busy = [&machine.load_before, &machine.load_after].iter().any(|l| {
        l.split_whitespace()
            .next()
            .and_then(|x| x.parse::<f64>().ok())
            .is_some_and(|load| load > cores * 0.5)
    });
    if busy {
        let _ = writeln!(
            md,
            "**The machine was busy during this run** (other builds shared its cores; load \
             average {} at the start, {} at the end, on {} cores): absolute figures are lower \
             than an idle machine gives, and ratios between runs that did not overlap the same \
             load are rough. Re-run on an idle machine for figures to quote.\n",
            machine.load_before, machine.load_after, machine.cores
        );
    }
    let _ = writeln!(md, "| machine | |\n|---|---|");
    let _ = writeln!(md, "| cores (nproc) | {} |", machine.cores);
    let _ = writeln!(md, "| CPU | {} |", machine.cpu);
    let _ = writeln!(md, "| memory | {} |", machine.memory);
    let _ = writeln!(
        md,
        "| load average (1, 5, 15 min) | start {}, end {} |",
        machine.load_before, machine.load_after
    );
    let _ = writeln!(md, "| leads per dataset | {} |", settings.leads);
    for (name, version) in &machine.versions {
        let _ = writeln!(md, "| {name} | {version} |");
    }
    md.push('\n');
}

fn summary(md: &mut String, f: &Figures, sizes: &Sizes) {
    let s = f.get("scoring");
    let n = f.get("scoring_native");
    let i = f.get("indexeddb");
    let c = f.get("capture");
    let tn = f.get("training_native");
    let tw = f.get("training_wasm");
    let sk = f.get("training_sklearn");
    let leads = num(&s["leads"]);
    let _ = writeln!(md, "## Summary\n");
    let _ = writeln!(
        md,
        "| benchmark | leadkit | peer | leadkit vs peer |\n|---|---|---|---|"
    );
    let _ = writeln!(
        md,
        "| scoring, 25 rules, wasm in Chromium (leads/s) | {} | json-rules-engine {} | {} |",
        per_s(leads, num(&s["ours_median_ms"])),
        per_s(leads, num(&s["peer_median_ms"])),
        time_ratio(num(&s["ours_median_ms"]), num(&s["peer_median_ms"])),
    );
    let _ = writeln!(
        md,
        "| scoring, native ceiling (leads/s) | {} | | |",
        per_s(num(&n["leads"]), num(&n["median_ms"])),
    );
    let _ = writeln!(
        md,
        "| IndexedDB bulk write of {} leads | {} | Dexie.js {} | {} |",
        i["records"],
        ms(num(&i["ours_put_median_ms"])),
        ms(num(&i["peer_put_median_ms"])),
        time_ratio(num(&i["ours_put_median_ms"]), num(&i["peer_put_median_ms"])),
    );
    let _ = writeln!(
        md,
        "| IndexedDB full read back | {} | Dexie.js {} | {} |",
        ms(num(&i["ours_read_median_ms"])),
        ms(num(&i["peer_read_median_ms"])),
        time_ratio(
            num(&i["ours_read_median_ms"]),
            num(&i["peer_read_median_ms"])
        ),
    );
    let _ = writeln!(
        md,
        "| capture POST /f/contact (requests/s) | {:.0} | empty worker {:.0} | {} of the ceiling |",
        num(&c["capture"]["requests_per_s"]).unwrap_or(f64::NAN),
        num(&c["ceiling"]["requests_per_s"]).unwrap_or(f64::NAN),
        rate_ratio(
            num(&c["capture"]["requests_per_s"]),
            num(&c["ceiling"]["requests_per_s"])
        ),
    );
    let _ = writeln!(
        md,
        "| predictive training, native (fit time, AUC) | {}, {:.3} | scikit-learn {}, {:.3} | {} |",
        ms(num(&tn["fit_median_ms"])),
        num(&tn["auc"]).unwrap_or(f64::NAN),
        ms(num(&sk["fit_median_ms"])),
        num(&sk["auc"]).unwrap_or(f64::NAN),
        time_ratio(num(&tn["fit_median_ms"]), num(&sk["fit_median_ms"])),
    );
    let _ = writeln!(
        md,
        "| predictive training, wasm in Chromium | {}, {:.3} | scikit-learn {}, {:.3} | {} |",
        ms(num(&tw["fit_median_ms"])),
        num(&tw["auc"]).unwrap_or(f64::NAN),
        ms(num(&sk["fit_median_ms"])),
        num(&sk["auc"]).unwrap_or(f64::NAN),
        time_ratio(num(&tw["fit_median_ms"]), num(&sk["fit_median_ms"])),
    );
    let (_, gzip) = sizes.first_load_total();
    let _ = writeln!(md, "| app first load (gzip) | {:.1} KB | | |", kb(gzip));
    let l = f.get("lighthouse");
    let _ = writeln!(
        md,
        "| Lighthouse sign-in page (perf / a11y / best practices) | {} / {} / {} | | |",
        l["sign_in"]["performance"], l["sign_in"]["accessibility"], l["sign_in"]["best_practices"],
    );
    md.push('\n');
}

fn scoring(md: &mut String, f: &Figures) {
    let s = f.get("scoring");
    let n = f.get("scoring_native");
    let leads = num(&s["leads"]);
    let _ = writeln!(
        md,
        "## 1. Scoring in the browser: our engine vs json-rules-engine\n"
    );
    let _ = writeln!(
        md,
        "One 25-rule fit + engagement model (`shared/src/fixtures/proof.rs`: one ICP persona of \
         10 weighted criteria, 3 profile rules, 12 engagement rules that score a touch kind once) \
         over the same {} generated leads (seed 42, about 20 touches each), in the same headless \
         Chromium page (release wasm). Rust generates the leads and the model once and exports both \
         as JSON: each lead as a plain object of facts (the ICP fields, e-mail domain, title and \
         its touches), the model translated rule by rule into json-rules-engine rules with the \
         same conditions and points (text tests as custom operators that fold text as our engine \
         does; `anyTouch` for a touch of a kind whose metadata meets the conditions). Ours times \
         `Engine::summarize` per lead (fit + engagement, from the records); json-rules-engine \
         times `engine.run(facts)` per lead, summing the points of the events that fired. \
         Generating and exporting are not timed. The model keeps to what both express: no repeat \
         limits, caps or decay, which json-rules-engine has no notion of.\n",
        s["leads"]
    );
    let _ = writeln!(md, "| | median | leads/s |\n|---|---|---|");
    let _ = writeln!(
        md,
        "| leadkit, wasm32 in Chromium | {} | {} |",
        ms(num(&s["ours_median_ms"])),
        per_s(leads, num(&s["ours_median_ms"]))
    );
    let _ = writeln!(
        md,
        "| json-rules-engine, same page | {} | {} |",
        ms(num(&s["peer_median_ms"])),
        per_s(leads, num(&s["peer_median_ms"]))
    );
    let _ = writeln!(
        md,
        "| leadkit, native (ceiling) | {} | {} |",
        ms(num(&n["median_ms"])),
        per_s(num(&n["leads"]), num(&n["median_ms"]))
    );
    let _ = writeln!(
        md,
        "\nleadkit in the browser is {} than json-rules-engine; native is {} than leadkit's wasm. \
         json-rules-engine's runs: {} ms.\n",
        time_ratio(num(&s["ours_median_ms"]), num(&s["peer_median_ms"])),
        time_ratio(num(&n["median_ms"]), num(&s["ours_median_ms"])),
        s["peer_runs_ms"]
            .as_array()
            .map(|runs| runs
                .iter()
                .filter_map(Value::as_f64)
                .map(|x| format!("{x:.0}"))
                .collect::<Vec<_>>()
                .join(", "))
            .unwrap_or_default()
    );
    let _ = writeln!(
        md,
        "**Agreement**: the two engines gave the same total for {} of {} leads{}.\n",
        s["agree"],
        s["compared"],
        if s["first_disagreement"].is_null() {
            String::new()
        } else {
            format!(" (first difference: {})", s["first_disagreement"])
        }
    );
}

fn storage(md: &mut String, f: &Figures) {
    let i = f.get("indexeddb");
    let _ = writeln!(md, "## 2. IndexedDB: the app's store vs Dexie.js\n");
    let _ = writeln!(
        md,
        "The same {} lead records (`LeadRecord` with the whole lead, {} bytes as JSON) written \
         into a fresh database and read back whole, in the same Chromium page, a fresh database \
         per run. Ours: `LeadStore::save_pulled` (one transaction; the records serialised as one \
         JSON text per batch of 2,000, parsed by the browser and put without awaiting each request) and `LeadStore::all_leads` (app/src/data/db.rs). Dexie.js: \
         `bulkPut` and `toArray` on a table keyed by `id`, given the records as plain objects \
         (parsed from the same JSON; parsing is not timed). Records read back: ours {}, Dexie {}.\n",
        i["records"], i["record_json_bytes"], i["ours_count"], i["peer_count"]
    );
    let _ = writeln!(md, "| | write | read back |\n|---|---|---|");
    let _ = writeln!(
        md,
        "| leadkit LeadStore | {} | {} |",
        ms(num(&i["ours_put_median_ms"])),
        ms(num(&i["ours_read_median_ms"]))
    );
    let _ = writeln!(
        md,
        "| Dexie.js | {} | {} |",
        ms(num(&i["peer_put_median_ms"])),
        ms(num(&i["peer_read_median_ms"]))
    );
    let _ = writeln!(
        md,
        "| leadkit vs Dexie | {} | {} |\n",
        time_ratio(num(&i["ours_put_median_ms"]), num(&i["peer_put_median_ms"])),
        time_ratio(
            num(&i["ours_read_median_ms"]),
            num(&i["peer_read_median_ms"])
        )
    );
}

fn capture(md: &mut String, f: &Figures) {
    let c = f.get("capture");
    let _ = writeln!(md, "## 3. Capture endpoint under autocannon\n");
    let _ = writeln!(
        md,
        "autocannon, {} connections for {} s per run on loopback. Ours: `POST /f/contact` with a \
         valid JSON submission (a fresh address each request, a render token and the required \
         consent) against the worker under `wrangler dev` over a fresh local D1; {} leads were \
         stored. Ceiling: an empty JS worker answering 200 under `wrangler dev` on the same \
         workerd. CPU time per request: user + system time of the workerd processes (from \
         /proc/<pid>/stat) over the run, divided by the requests served; it includes workerd's \
         own proxying and, for ours, local D1 (SQLite) work; the next column adds wrangler's node \
         processes. Each side first gets one unmeasured 1 s run, so workerd has compiled the \
         worker before timing starts.\n",
        c["connections"], c["seconds"], c["leads_stored"]
    );
    let _ = writeln!(
        md,
        "| | requests/s | p50 | p99 | workerd CPU per request | with wrangler's node | non-2xx | errors |\n|---|---|---|---|---|---|---|---|"
    );
    for (label, side) in [
        ("leadkit capture", &c["capture"]),
        ("empty worker", &c["ceiling"]),
    ] {
        let runs = side["runs"].as_array().cloned().unwrap_or_default();
        let sum = |key: &str| runs.iter().filter_map(|r| r[key].as_f64()).sum::<f64>();
        let _ = writeln!(
            md,
            "| {label} | {:.0} | {} | {} | {} | {} | {} | {} |",
            num(&side["requests_per_s"]).unwrap_or(f64::NAN),
            ms(num(&side["p50_ms"])),
            ms(num(&side["p99_ms"])),
            num(&side["cpu_ms_per_request"]).map_or("n/a".into(), |x| format!("{x:.2} ms")),
            num(&side["all_cpu_ms_per_request"]).map_or("n/a".into(), |x| format!("{x:.2} ms")),
            sum("non_2xx"),
            sum("errors"),
        );
    }
    let _ = writeln!(
        md,
        "\nCapture reaches {} of the empty worker's throughput.\n",
        rate_ratio(
            num(&c["capture"]["requests_per_s"]),
            num(&c["ceiling"]["requests_per_s"])
        )
    );
}

fn training(md: &mut String, f: &Figures) {
    let n = f.get("training_native");
    let w = f.get("training_wasm");
    let s = f.get("training_sklearn");
    let _ = writeln!(
        md,
        "## 4. Predictive training: our trainer vs scikit-learn\n"
    );
    let _ = writeln!(
        md,
        "{} generated leads (seed 5; won: most leads that requested a demo, one in nine others), \
         encoded by our `predictive::prepare` into {} training rows × {} features and {} \
         held-out rows (stratified, 25%). The native run writes both as CSV; scikit-learn's \
         `LogisticRegression` (solver {}, C = 1 / (l2 × rows), the same penalty as ours, \
         intercept unpenalised) fits the same training rows and is scored on the same held-out \
         rows. Times are the fit only (encoding is separate: {} native, {} in Chromium).\n",
        n["train_rows"].as_u64().unwrap_or(0) + n["test_rows"].as_u64().unwrap_or(0),
        n["train_rows"],
        n["features"],
        n["test_rows"],
        s["solver"].as_str().unwrap_or("n/a"),
        ms(num(&n["prepare_ms"])),
        ms(num(&w["prepare_ms"])),
    );
    let _ = writeln!(
        md,
        "| | fit (median) | iterations | held-out AUC |\n|---|---|---|---|"
    );
    for (label, x) in [
        ("leadkit, native (Newton/IRLS)", n),
        ("leadkit, wasm32 in Chromium", w),
        ("scikit-learn LogisticRegression", s),
    ] {
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} |",
            ms(num(&x["fit_median_ms"])),
            x["iterations"],
            num(&x["auc"]).map_or("n/a".into(), |a| format!("{a:.4}")),
        );
    }
    let _ = writeln!(
        md,
        "\nNative fit is {} than scikit-learn; in Chromium it is {}.\n",
        time_ratio(num(&n["fit_median_ms"]), num(&s["fit_median_ms"])),
        time_ratio(num(&w["fit_median_ms"]), num(&s["fit_median_ms"])),
    );
}

fn size_section(md: &mut String, sizes: &Sizes) {
    let _ = writeln!(md, "## 5. Sizes (as `cargo xtask sizes` measures them)\n");
    let _ = writeln!(md, "| file | raw KB | gzip KB |\n|---|---|---|");
    for s in &sizes.first_load {
        let _ = writeln!(md, "| {} | {:.1} | {:.1} |", s.name, kb(s.raw), kb(s.gzip));
    }
    let (raw, gzip) = sizes.first_load_total();
    let _ = writeln!(
        md,
        "| **app first load (total)** | {:.1} | {:.1} |",
        kb(raw),
        kb(gzip)
    );
    for s in std::iter::once(&sizes.worker).chain(&sizes.snippets) {
        let _ = writeln!(md, "| {} | {:.1} | {:.1} |", s.name, kb(s.raw), kb(s.gzip));
    }
    md.push('\n');
}

fn lighthouse(md: &mut String, f: &Figures) {
    let l = f.get("lighthouse");
    let _ = writeln!(md, "## 6. Lighthouse\n");
    let _ = writeln!(
        md,
        "Lighthouse {} (npm) driving Debian's Chromium (`CHROME_PATH=/usr/bin/chromium`, \
         `--headless=new --no-sandbox`) against the app served by our worker under `wrangler \
         dev`, with Lighthouse's defaults: mobile emulation and simulated throttling. The sign-in \
         page, and the leads view of a freshly signed-up (empty) workspace, its session cookie \
         sent with `--extra-headers` (the audit does not itself check which view rendered).\n",
        l["sign_in"]["lighthouse"].as_str().unwrap_or("n/a")
    );
    let _ = writeln!(
        md,
        "| page | performance | accessibility | best practices | FCP | LCP | TBT |\n|---|---|---|---|---|---|---|"
    );
    for (label, x) in [
        ("sign-in (/)", &l["sign_in"]),
        ("leads (/leads, signed in)", &l["leads"]),
    ] {
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} | {} | {} | {} |",
            x["performance"],
            x["accessibility"],
            x["best_practices"],
            ms(num(&x["first_contentful_paint_ms"])),
            ms(num(&x["largest_contentful_paint_ms"])),
            ms(num(&x["total_blocking_time_ms"])),
        );
    }
    let audits = &l["sign_in"]["installability"];
    let installability = if audits.as_object().is_some_and(|o| !o.is_empty()) {
        format!("Lighthouse's remaining installability audits: {audits}.")
    } else {
        "Lighthouse 12 and later have no PWA category and no installability audit left, so \
         Lighthouse cannot report PWA installability here."
            .to_owned()
    };
    let _ = writeln!(
        md,
        "\n**PWA installability**: {installability} What can be said without it: the app links \
         a web manifest (`/manifest.webmanifest`, answered {}); it registers no service worker, \
         which current Chromium no longer requires for installing.\n",
        l["manifest_status"]
    );
}
