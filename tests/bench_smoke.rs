//! Small versions of the benchmark scenarios: correctness only, no timing asserts.

use nastavnik::bench;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_scenario_answers_every_update_for_both_bots() {
    let r = bench::scenario_updates(40, 80, 100.0, 80).await.unwrap();
    let mut runs = vec![
        ("real paced", &r.real_paced),
        ("echo paced", &r.echo_paced),
        ("real burst", &r.real_burst),
        ("echo burst", &r.echo_burst),
        ("echo reading", &r.echo_read_burst),
        ("necessary-work echo", &r.echo_necessary_burst),
    ];
    runs.extend(r.kinds.iter().map(|(kind, x)| (*kind, x)));
    assert_eq!(
        r.kinds.len(),
        bench::KINDS.len(),
        "every kind measured alone"
    );
    for (name, x) in runs {
        assert!(x.sent > 0, "{name}: something was sent");
        assert_eq!(x.answered, x.sent, "{name}: every update got its reply");
        assert!(x.p50_ms <= x.p99_ms, "{name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fanout_delivers_each_reminder_exactly_once_under_429() {
    let r = bench::scenario_fanout(150, 100).await.unwrap();
    assert_eq!(r.delivered, 150);
    assert_eq!(r.duplicates, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_scenario_generates_as_asked_and_measures_everything() {
    use bench::district::{Serve, Size};
    let size = Size::small();
    let serve = Serve {
        program: env!("CARGO_BIN_EXE_nastavnik").into(),
        args: vec!["run".into()],
        updates: 60,
        lanes: 4,
        wait_for_pass: false,
    };
    let r = bench::district::scenario_district(size, &serve, None)
        .await
        .unwrap();
    let g = &r.generated;
    assert_eq!(
        (g.orgs, g.people, g.pairs, g.journal),
        (size.orgs, size.people, size.pairs, size.journal),
        "counts as asked"
    );
    assert!(
        g.active_pairs > 0 && g.active_pairs < g.pairs,
        "active and ended pairs"
    );
    assert!(g.plan_items > 0 && g.requests > 0 && g.sos > 0 && g.survey_answers > 0);
    assert_eq!(r.curator_digest_rows, 1, "one organization's digest");
    assert_eq!(
        r.monthly_digest_rows as i64, size.orgs,
        "one row per organization"
    );
    assert!(
        r.pass.due + r.pass.deferred > 0 && r.pass.claimed > 0,
        "the pass has work: {:?}",
        r.pass
    );
    assert!(
        r.pass.digests_loaded > 0,
        "Monday morning: weekly digests are due"
    );
    assert!(
        r.report.bytes > 0 && r.report.sheets.iter().all(|(_, rows)| *rows > 0),
        "every sheet has rows: {:?}",
        r.report.sheets
    );
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::Xlsx::new(std::io::Cursor::new(r.report.xlsx.clone())).expect("a valid XLSX");
        assert_eq!(book.sheet_names().len(), r.report.sheets.len());
        for (name, rows) in &r.report.sheets {
            let range = book.worksheet_range(name).expect("the sheet opens");
            assert!(
                range.rows().count() > *rows,
                "{name}: a header and {rows} rows"
            );
        }
    }
    assert!(r.db_bytes > 0);
    let s = &r.serving;
    assert_eq!(s.answered, s.sent, "every update got its answer");
    assert!(
        s.report_delivered,
        "the coordinator got the district report"
    );
    assert!(s.peak_kb > 0, "peak RSS read from /proc");
}
