//! Word documents from their data: no database, no clock (the data carries its dates).

use super::word::Word;
use super::{ConsentRecord, OrderDraft, PairHeader, PairReport, PlanLine, Programme, Spravka};
use crate::domain::monitoring::{Indicator, Unit};
use crate::i18n::Lang;
use chrono::{NaiveDate, NaiveDateTime};

type Built = Result<Vec<u8>, docx_rs::DocxError>;

pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn date_time(t: NaiveDateTime) -> String {
    t.format("%d.%m.%Y %H:%M").to_string()
}

fn or_dash(s: Option<String>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "—".to_string())
}

fn labels<T>(lang: Lang, items: &[T], key: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return "—".to_string();
    }
    items
        .iter()
        .map(|i| tr!(lang, &key(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn new_doc(lang: Lang, footer: &str) -> Word {
    Word::new(footer, &tr!(lang, "doc-page"), &tr!(lang, "doc-page-of"))
}

/// The lines every pair document starts with: organization, participants, forms, dates, order.
fn pair_fields(w: &mut Word, lang: Lang, p: &PairHeader) {
    w.field(&tr!(lang, "doc-org"), &p.org);
    let mentor = match &p.mentor_position {
        Some(pos) if !pos.is_empty() => format!("{}, {pos}", p.mentor),
        _ => p.mentor.clone(),
    };
    w.field(&tr!(lang, "doc-mentor"), &mentor);
    for m in &p.mentees {
        let mut line = m.name.clone();
        if let Some(pos) = m.position.as_ref().filter(|p| !p.is_empty()) {
            line.push_str(&format!(", {pos}"));
        }
        if let Some(c) = m.category {
            line.push_str(&format!(" ({})", tr!(lang, &c.key())));
        }
        w.field(&tr!(lang, "doc-mentee"), &line);
    }
    w.field(&tr!(lang, "doc-curator"), &or_dash(p.curator.clone()));
    w.field(
        &tr!(lang, "doc-forms"),
        &labels(lang, &p.forms, |f| f.key()),
    );
    w.field(
        &tr!(lang, "doc-period"),
        &tr!(
            lang,
            "doc-period-value",
            from = date(p.start),
            to = date(p.planned_end)
        ),
    );
    let order = match &p.order {
        Some((no, d)) => tr!(lang, "pair-order", number = no.clone(), date = date(*d)),
        None => tr!(lang, "doc-no-order"),
    };
    w.field(&tr!(lang, "doc-order"), &order);
    if let Some((on, reason)) = p.ended {
        w.field(
            &tr!(lang, "doc-ended"),
            &format!("{} ({})", date(on), tr!(lang, &reason.key())),
        );
    }
}

fn status_label(lang: Lang, l: &PlanLine, today: NaiveDate) -> String {
    tr!(
        lang,
        &format!("doc-status-{}", l.status.shown(l.deadline, today))
    )
}

fn plan_rows(lang: Lang, plan: &[&PlanLine], today: NaiveDate) -> Vec<Vec<String>> {
    plan.iter()
        .enumerate()
        .map(|(i, l)| {
            let mut title = l.title.clone();
            if let Some(m) = &l.mentee {
                title.push_str(&format!(" ({m})"));
            }
            vec![
                (i + 1).to_string(),
                title,
                l.area
                    .map(|a| tr!(lang, &a.key()))
                    .unwrap_or_else(|| "—".into()),
                l.deadline.map(date).unwrap_or_else(|| "—".into()),
                status_label(lang, l, today),
            ]
        })
        .collect()
}

fn plan_headers(lang: Lang) -> Vec<String> {
    [
        "doc-col-no",
        "doc-col-activity",
        "doc-col-area",
        "doc-col-deadline",
        "doc-col-status",
    ]
    .iter()
    .map(|k| tr!(lang, k))
    .collect()
}

/// Products (методические продукты) with the mentee's own view of the result.
fn products_table(w: &mut Word, lang: Lang, plan: &[PlanLine]) {
    let rows: Vec<Vec<String>> = plan
        .iter()
        .filter(|l| l.product.is_some())
        .map(|l| {
            vec![
                l.title.clone(),
                or_dash(l.product.clone()),
                l.self_score
                    .map(|s| format!("{s} / 5"))
                    .unwrap_or_else(|| "—".into()),
                or_dash(l.self_comment.clone()),
            ]
        })
        .collect();
    if rows.is_empty() {
        w.para(&tr!(lang, "doc-no-products"));
    } else {
        let headers: Vec<String> = [
            "doc-col-activity",
            "doc-col-product",
            "doc-col-self-score",
            "doc-col-self-comment",
        ]
        .iter()
        .map(|k| tr!(lang, k))
        .collect();
        w.table(&headers, &[4, 4, 2, 4], &rows);
    }
}

fn pair_signatures(w: &mut Word, lang: Lang, p: &PairHeader) {
    let mut signers = vec![(tr!(lang, "doc-mentor"), p.mentor.clone())];
    signers.extend(
        p.mentees
            .iter()
            .map(|m| (tr!(lang, "doc-mentee"), m.name.clone())),
    );
    signers.push((tr!(lang, "doc-curator"), or_dash(p.curator.clone())));
    w.signatures(&signers, &tr!(lang, "doc-year-suffix"));
}

/// Document 1, the personalised programme (001 App.1 §4): forms, participants, goals, the
/// plan with deadlines and status, products, signatures.
pub fn programme(lang: Lang, d: &Programme) -> Built {
    let p = &d.pair;
    let mut w = new_doc(lang, &p.org);
    w.right(&p.org);
    w.blank();
    w.title(&tr!(lang, "doc-programme-title"));
    w.subtitle(&tr!(
        lang,
        if p.is_group() {
            "doc-programme-of-group"
        } else {
            "doc-programme-of-pair"
        },
        id = p.id
    ));
    w.blank();
    w.heading(&tr!(lang, "doc-section-participants"));
    pair_fields(&mut w, lang, p);
    let mut areas: Vec<_> = p
        .mentees
        .iter()
        .flat_map(|m| m.areas.iter().copied())
        .collect();
    areas.dedup();
    w.field(&tr!(lang, "doc-areas"), &labels(lang, &areas, |a| a.key()));

    w.heading(&tr!(lang, "doc-section-goals"));
    let goals: Vec<&PlanLine> = d.plan.iter().filter(|l| l.kind == "goal").collect();
    if goals.is_empty() {
        w.para(&tr!(lang, "doc-no-goals"));
    } else {
        for (i, g) in goals.iter().enumerate() {
            w.para(&format!("{}. {}", i + 1, g.title));
        }
    }

    w.heading(&tr!(lang, "doc-section-plan"));
    let items: Vec<&PlanLine> = d.plan.iter().filter(|l| l.kind != "goal").collect();
    if items.is_empty() {
        w.para(&tr!(lang, "doc-no-plan"));
    } else {
        w.table(
            &plan_headers(lang),
            &[1, 8, 4, 3, 3],
            &plan_rows(lang, &items, d.as_of),
        );
    }

    w.heading(&tr!(lang, "doc-section-products"));
    products_table(&mut w, lang, &d.plan);

    w.heading(&tr!(lang, "doc-section-signatures"));
    w.para(&tr!(lang, "doc-programme-agreed"));
    pair_signatures(&mut w, lang, p);
    w.para(&tr!(lang, "doc-made-on", date = date(d.as_of)));
    w.finish()
}

/// Document 2, the draft order fixing mentors to mentees (001 §4.4.3, App.1 §6.2).
pub fn order_draft(lang: Lang, d: &OrderDraft) -> Built {
    let mut w = new_doc(lang, &d.org);
    w.subtitle(&d.org);
    w.blank();
    w.title(&tr!(lang, "doc-order-title"));
    w.subtitle(&tr!(lang, "doc-order-number-line", date = date(d.date)));
    w.blank();
    w.title(&tr!(lang, "doc-order-subject"));
    w.blank();
    w.para(&tr!(lang, "doc-order-preamble"));
    w.para(&tr!(lang, "doc-order-resolve"));
    w.para(&tr!(lang, "doc-order-item-1"));
    let headers: Vec<String> = [
        "doc-col-no",
        "doc-col-mentor",
        "doc-col-mentees",
        "doc-col-forms",
        "doc-col-dates",
        "doc-col-consents",
    ]
    .iter()
    .map(|k| tr!(lang, k))
    .collect();
    let rows: Vec<Vec<String>> = d
        .pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let consent = |t: Option<NaiveDateTime>| {
                t.map(date_time)
                    .unwrap_or_else(|| tr!(lang, "doc-no-consent"))
            };
            let mut consents = vec![tr!(
                lang,
                "doc-consent-of",
                name = p.mentor.clone(),
                at = consent(p.mentor_consent)
            )];
            consents.extend(
                p.mentees
                    .iter()
                    .map(|(n, t)| tr!(lang, "doc-consent-of", name = n.clone(), at = consent(*t))),
            );
            vec![
                (i + 1).to_string(),
                p.mentor.clone(),
                p.mentees
                    .iter()
                    .map(|m| m.0.clone())
                    .collect::<Vec<_>>()
                    .join("\n"),
                labels(lang, &p.forms, |f| f.key()),
                tr!(
                    lang,
                    "doc-period-value",
                    from = date(p.start),
                    to = date(p.planned_end)
                ),
                consents.join("\n"),
            ]
        })
        .collect();
    w.table(&headers, &[1, 4, 4, 3, 3, 5], &rows);
    w.para(&tr!(
        lang,
        "doc-order-item-2",
        curator = or_dash(d.curator.clone())
    ));
    w.para(&tr!(lang, "doc-order-item-3"));
    w.para(&tr!(lang, "doc-order-item-4"));
    w.blank();
    w.signatures(
        &[(tr!(lang, "doc-head"), or_dash(d.head.clone()))],
        &tr!(lang, "doc-year-suffix"),
    );
    w.para(&tr!(lang, "doc-order-acquainted"));
    let mut people: Vec<(String, String)> =
        vec![(tr!(lang, "doc-curator"), or_dash(d.curator.clone()))];
    for p in &d.pairs {
        people.push((tr!(lang, "doc-mentor"), p.mentor.clone()));
        people.extend(
            p.mentees
                .iter()
                .map(|m| (tr!(lang, "doc-mentee"), m.0.clone())),
        );
    }
    people.dedup();
    w.signatures(&people, &tr!(lang, "doc-year-suffix"));
    w.finish()
}

fn hours(minutes: u32) -> String {
    format!("{:.1}", f64::from(minutes) / 60.0)
}

/// Document 3, the mentor's report on adaptation for a period, or the final report on the whole pair.
pub fn pair_report(lang: Lang, d: &PairReport) -> Built {
    let p = &d.pair;
    let mut w = new_doc(lang, &p.org);
    w.right(&tr!(
        lang,
        "doc-report-to",
        curator = or_dash(p.curator.clone())
    ));
    w.blank();
    w.title(&tr!(
        lang,
        if d.is_final {
            "doc-final-title"
        } else {
            "doc-adaptation-title"
        }
    ));
    w.subtitle(&tr!(
        lang,
        "doc-report-period",
        from = date(d.from),
        to = date(d.to)
    ));
    w.blank();
    pair_fields(&mut w, lang, p);

    w.heading(&tr!(lang, "doc-section-figures"));
    let s = &d.summary;
    let figures: Vec<Vec<String>> = vec![
        vec![tr!(lang, "doc-fig-meetings"), s.meetings.to_string()],
        vec![
            tr!(lang, "doc-fig-hours"),
            hours(s.meeting_minutes + s.helped_minutes),
        ],
        vec![tr!(lang, "doc-fig-helped"), s.helped.to_string()],
        vec![
            tr!(lang, "doc-fig-tasks"),
            tr!(
                lang,
                "doc-fig-tasks-value",
                given = s.tasks_given,
                submitted = s.tasks_submitted,
                checked = s.tasks_checked
            ),
        ],
        vec![
            tr!(lang, "doc-fig-plan"),
            tr!(
                lang,
                "doc-fig-plan-value",
                done = s.plan_done,
                total = s.plan_total,
                overdue = s.plan_overdue
            ),
        ],
        vec![
            tr!(lang, "doc-fig-sos"),
            tr!(
                lang,
                "doc-fig-sos-value",
                asked = s.sos_asked,
                answered = s.sos_answered,
                median = s
                    .sos_median_minutes
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "—".into())
            ),
        ],
    ];
    w.table(
        &[tr!(lang, "doc-col-indicator"), tr!(lang, "doc-col-value")],
        &[3, 2],
        &figures,
    );

    w.heading(&tr!(lang, "doc-section-meetings"));
    if d.meetings.is_empty() {
        w.para(&tr!(lang, "doc-no-meetings"));
    } else {
        let rows: Vec<Vec<String>> = d
            .meetings
            .iter()
            .map(|m| {
                vec![
                    date(m.on),
                    m.minutes
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "—".into()),
                    m.topic.clone(),
                ]
            })
            .collect();
        w.table(
            &[
                tr!(lang, "doc-col-date"),
                tr!(lang, "doc-col-minutes"),
                tr!(lang, "doc-col-topic"),
            ],
            &[2, 2, 8],
            &rows,
        );
    }

    w.heading(&tr!(lang, "doc-report-plan"));
    let items: Vec<&PlanLine> = d.plan.iter().collect();
    if items.is_empty() {
        w.para(&tr!(lang, "doc-no-plan"));
    } else {
        w.table(
            &plan_headers(lang),
            &[1, 8, 4, 3, 3],
            &plan_rows(lang, &items, d.to),
        );
    }
    w.heading(&tr!(lang, "doc-report-products"));
    products_table(&mut w, lang, &d.plan);

    if d.is_final {
        w.heading(&tr!(lang, "doc-section-change"));
        if d.changes.is_empty() {
            w.para(&tr!(lang, "doc-no-change"));
        } else {
            let rows: Vec<Vec<String>> = d
                .changes
                .iter()
                .map(|(q, v, n)| {
                    vec![
                        crate::report::question_label(lang, q),
                        v.map(|v| format!("{v:+.1}")).unwrap_or_else(|| "—".into()),
                        n.to_string(),
                    ]
                })
                .collect();
            w.table(
                &[
                    tr!(lang, "doc-col-question"),
                    tr!(lang, "doc-col-change"),
                    tr!(lang, "doc-col-answered"),
                ],
                &[6, 2, 2],
                &rows,
            );
        }
    }
    if let Some(c) = d.comment.as_ref().filter(|c| !c.trim().is_empty()) {
        w.heading(&tr!(lang, "doc-section-comment"));
        w.para(c);
    }
    w.signatures(
        &[(tr!(lang, "doc-mentor"), p.mentor.clone())],
        &tr!(lang, "doc-year-suffix"),
    );
    w.finish()
}

/// A value of an indicator in its unit, for text.
pub fn indicator_value(ind: &Indicator, v: f64) -> String {
    match ind.unit {
        Unit::People | Unit::Pairs | Unit::Events => format!("{}", v.round() as i64),
        Unit::Percent => format!("{v:.1} %"),
        _ => format!("{v:.2}"),
    }
}

fn verdict(lang: Lang, ind: &Indicator) -> String {
    match ind.met() {
        Some(true) => tr!(lang, "ind-met"),
        Some(false) => tr!(lang, "ind-not-met"),
        None if ind.target.is_some() => tr!(lang, "ind-no-data"),
        None => "—".to_string(),
    }
}

/// Document 4, the analytic справка for a period: indicators against targets, the pairs, the risks.
pub fn spravka(lang: Lang, d: &Spravka) -> Built {
    let mut w = new_doc(lang, &d.scope);
    w.title(&tr!(lang, "doc-spravka-title"));
    w.subtitle(&tr!(
        lang,
        if d.district {
            "doc-spravka-district"
        } else {
            "doc-spravka-org"
        },
        scope = d.scope.clone()
    ));
    w.subtitle(&tr!(
        lang,
        "doc-report-period",
        from = date(d.from),
        to = date(d.to)
    ));

    w.heading(&tr!(lang, "doc-section-indicators"));
    let no_data = tr!(lang, "ind-no-data");
    let rows: Vec<Vec<String>> = d
        .indicators
        .iter()
        .map(|ind| {
            let value = ind
                .value
                .map(|v| indicator_value(ind, v))
                .unwrap_or_else(|| no_data.clone());
            let target = ind
                .target
                .map(|t| {
                    let sign = match t.direction {
                        crate::domain::monitoring::Direction::AtLeast => "≥",
                        crate::domain::monitoring::Direction::AtMost => "≤",
                    };
                    format!("{sign} {}", indicator_value(ind, t.value))
                })
                .unwrap_or_else(|| "—".into());
            vec![
                crate::report::indicator_label(lang, ind),
                value,
                target,
                verdict(lang, ind),
            ]
        })
        .collect();
    let headers: Vec<String> = [
        "xl-col-indicator",
        "xl-col-value",
        "xl-col-target",
        "xl-col-verdict",
    ]
    .iter()
    .map(|k| tr!(lang, k))
    .collect();
    w.table(&headers, &[8, 3, 3, 3], &rows);

    w.heading(&tr!(lang, "doc-section-pairs"));
    let headers: Vec<String> = if d.district {
        [
            "doc-col-no",
            "doc-col-org",
            "doc-col-mentor",
            "doc-col-mentees",
            "doc-col-meetings",
            "doc-col-plan",
            "doc-col-order",
        ]
        .iter()
        .map(|k| tr!(lang, k))
        .collect()
    } else {
        [
            "doc-col-no",
            "doc-col-mentor",
            "doc-col-mentees",
            "doc-col-meetings",
            "doc-col-plan",
            "doc-col-order",
        ]
        .iter()
        .map(|k| tr!(lang, k))
        .collect()
    };
    let rows: Vec<Vec<String>> = d
        .pairs
        .iter()
        .map(|p| {
            let mut row = vec![p.id.to_string()];
            if d.district {
                row.push(p.org.clone());
            }
            row.extend([
                p.mentor.clone(),
                p.mentees.clone(),
                tr!(
                    lang,
                    "doc-meetings-value",
                    count = p.meetings,
                    hours = hours(p.minutes as u32)
                ),
                tr!(
                    lang,
                    "doc-plan-value",
                    done = p.plan_done,
                    total = p.plan_total
                ),
                tr!(lang, if p.has_order { "word-yes" } else { "word-no" }),
            ]);
            row
        })
        .collect();
    let widths: &[usize] = if d.district {
        &[1, 4, 4, 4, 3, 2, 2]
    } else {
        &[1, 5, 5, 3, 2, 2]
    };
    w.table(&headers, widths, &rows);

    w.heading(&tr!(lang, "doc-section-risks"));
    let silent: Vec<String> = d
        .pairs
        .iter()
        .filter(|p| {
            p.last_meeting
                .is_none_or(|l| (d.to - l).num_days() > d.silent_days)
        })
        .map(|p| {
            tr!(
                lang,
                "doc-risk-silent-pair",
                id = p.id,
                mentor = p.mentor.clone(),
                last = p
                    .last_meeting
                    .map(date)
                    .unwrap_or_else(|| tr!(lang, "doc-never"))
            )
        })
        .collect();
    let overdue: Vec<String> = d
        .pairs
        .iter()
        .filter(|p| p.overdue > 0)
        .map(|p| {
            tr!(
                lang,
                "doc-risk-overdue-pair",
                id = p.id,
                mentor = p.mentor.clone(),
                count = p.overdue
            )
        })
        .collect();
    let unanswered: Vec<String> = d
        .pairs
        .iter()
        .filter(|p| p.sos_unanswered > 0)
        .map(|p| {
            tr!(
                lang,
                "doc-risk-unanswered-pair",
                id = p.id,
                mentor = p.mentor.clone(),
                count = p.sos_unanswered
            )
        })
        .collect();
    let without_order: Vec<String> = d
        .pairs
        .iter()
        .filter(|p| !p.has_order)
        .map(|p| format!("№{}", p.id))
        .collect();
    for (key, list) in [
        ("doc-risk-silent", &silent),
        ("doc-risk-overdue", &overdue),
        ("doc-risk-unanswered", &unanswered),
    ] {
        w.field(
            &tr!(lang, key, days = d.silent_days),
            &if list.is_empty() {
                tr!(lang, "doc-risk-none")
            } else {
                list.len().to_string()
            },
        );
        for line in list.iter() {
            w.para(&format!("— {line}"));
        }
    }
    w.field(
        &tr!(lang, "doc-risk-without-order"),
        &if without_order.is_empty() {
            tr!(lang, "doc-risk-none")
        } else {
            without_order.join(", ")
        },
    );

    w.heading(&tr!(lang, "doc-section-conclusions"));
    w.para(&tr!(lang, "doc-conclusions-blank"));
    let role = tr!(
        lang,
        if d.district {
            "role-coordinator"
        } else {
            "doc-curator"
        }
    );
    w.signatures(
        &[(role, or_dash(d.author.clone()))],
        &tr!(lang, "doc-year-suffix"),
    );
    w.finish()
}

/// Document 6, a person's consents: what they agreed to and when.
pub fn consent(lang: Lang, d: &ConsentRecord) -> Built {
    let org = d.org.clone().unwrap_or_default();
    let mut w = new_doc(lang, &org);
    w.title(&tr!(lang, "doc-consent-title"));
    w.subtitle(&d.name);
    w.blank();
    w.field(&tr!(lang, "doc-person"), &d.name);
    w.field(&tr!(lang, "doc-org"), &or_dash(d.org.clone()));
    w.field(
        &tr!(lang, "doc-roles"),
        &labels(lang, &d.roles, |r| r.key()),
    );
    let at = |t: Option<NaiveDateTime>| {
        t.map(date_time)
            .unwrap_or_else(|| tr!(lang, "doc-no-consent"))
    };
    let mut rows = vec![vec![
        tr!(lang, "doc-consent-pd"),
        tr!(lang, "doc-consent-pd-basis"),
        at(d.personal_data),
    ]];
    if d.mentor.is_some() {
        rows.push(vec![
            tr!(lang, "doc-consent-mentor"),
            tr!(lang, "doc-consent-mentor-basis"),
            at(d.mentor),
        ]);
    }
    if d.mentee_profile.is_some() {
        rows.push(vec![
            tr!(lang, "doc-consent-mentee"),
            tr!(lang, "doc-consent-mentee-basis"),
            at(d.mentee_profile),
        ]);
    }
    w.table(
        &[
            tr!(lang, "doc-col-consent"),
            tr!(lang, "doc-col-basis"),
            tr!(lang, "doc-col-when"),
        ],
        &[4, 6, 3],
        &rows,
    );
    if let Some(r) = d.registered {
        w.field(&tr!(lang, "doc-registered"), &date_time(r));
    }
    w.para(&tr!(lang, "doc-consent-withdraw"));
    w.para(&tr!(lang, "doc-made-on", date = date_time(d.as_of)));
    w.finish()
}
