//! Small versions of the benchmark scenarios: correctness only, no timing asserts.

use nastavnik::bench;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_scenario_answers_every_update_for_both_bots() {
    let r = bench::scenario_updates(40, 80, 100.0, 80).await.unwrap();
    for (name, x) in [("real paced", &r.real_paced), ("echo paced", &r.echo_paced), ("real burst", &r.real_burst), ("echo burst", &r.echo_burst)] {
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
