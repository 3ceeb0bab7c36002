//! What is due, to whom, and when: the pure reminder planner. It takes a snapshot of the
//! database and `now`, and answers with reminders keyed by (kind, subject, period); the
//! runner (`bot::reminders`) records each key once and sends it. Nothing here touches the
//! database or Telegram, so tests move time freely.
//!
//! Rules of timing: every organization has its own time zone; nothing is sent in quiet hours
//! (it waits for the morning); what fell due long ago is no longer relevant and is dropped.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

/// The regulations' timings; every number is configurable (see `Config`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Quiet hours in local time: from `quiet_start` to `quiet_end` (may wrap midnight).
    pub quiet_start: NaiveTime,
    pub quiet_end: NaiveTime,
    /// A plan item due in this many days → the mentee is reminded.
    pub plan_due_days: i64,
    /// No meeting for this many days → the mentor, then the curator.
    pub silent_mentor_days: i64,
    pub silent_curator_days: i64,
    /// An unanswered proposal: remind the mentor, then tell the curator.
    pub proposal_remind: Duration,
    pub proposal_escalate: Duration,
    /// Petitions and resignations unanswered this many days → the curator.
    pub pending_days: i64,
    /// A request without a mentor this many days → the coordinator.
    pub unmatched_days: i64,
    /// The program ends in this many days → mentor, mentee and curator.
    pub end_notice_days: i64,
    /// The month of the annual update of the banks (актуализация), and when curators get the list.
    pub bank_month: u32,
    pub bank_report_days: i64,
    /// Local hour of the curators' Monday digest and the coordinator's monthly one.
    pub digest_hour: u32,
    /// An unanswered `/sos`: the mentor is nudged after this many working hours, then the
    /// next morning; the curators are told after `sos_escalate`.
    pub sos_remind_hours: i64,
    pub sos_escalate: Duration,
    /// A task handed in and not checked for this long → the mentor.
    pub unchecked_after: Duration,
    /// A survey unanswered this many days → one reminder to the participant.
    pub survey_remind_days: i64,
    /// Pairs that ended this many days ago or less still get (and can be resent) the exit survey.
    pub survey_exit_days: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            quiet_start: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            quiet_end: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            plan_due_days: 2,
            silent_mentor_days: 14,
            silent_curator_days: 21,
            proposal_remind: Duration::hours(48),
            proposal_escalate: Duration::hours(96),
            pending_days: 3,
            unmatched_days: 14,
            end_notice_days: 14,
            bank_month: 10,
            bank_report_days: 14,
            digest_hour: 9,
            sos_remind_hours: 4,
            sos_escalate: Duration::days(2),
            unchecked_after: Duration::days(3),
            survey_remind_days: 3,
            survey_exit_days: 60,
        }
    }
}

/// Parses quiet hours like `21:00-08:00` (or `21-8`).
pub fn parse_quiet_hours(s: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (a, b) = s.split_once(['-', '–'])?;
    let t = |x: &str| {
        let x = x.trim();
        NaiveTime::parse_from_str(x, "%H:%M").ok().or_else(|| {
            x.parse::<u32>()
                .ok()
                .and_then(|h| NaiveTime::from_hms_opt(h, 0, 0))
        })
    };
    Some((t(a)?, t(b)?))
}

code_enum! {
    /// Where a reminder's key is on its way (`reminders_sent.state`): each key is sent once.
    pub enum ReminderState {
        /// Claimed by a pass, not yet handed to Telegram (safe to plan again after a crash).
        Queued => "queued",
        /// Handed to Telegram, the answer not recorded yet (it may have been delivered).
        Sending => "sending",
        Sent => "sent",
        /// The person blocked the bot or never started it.
        Unreachable => "unreachable",
        /// No longer relevant when it fell due: never sent.
        Dropped => "dropped",
        /// Interrupted while sending: may have been delivered, never sent again.
        Unknown => "unknown",
    }
}

macro_rules! kinds {
    ($($variant:ident => $code:literal, $topic:expr, $hours:expr;)+) => {
        /// What a reminder is about. The code is stored in `reminders_sent.kind`; the text
        /// is the Fluent message `rem-<code>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $($variant),+ }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $(Kind::$variant => $code),+ }
            }
            pub fn from_code(s: &str) -> Option<Kind> {
                match s { $($code => Some(Kind::$variant),)+ _ => None }
            }
            /// The /settings topic that can switch it off; `None` = essential, always sent.
            pub fn topic(self) -> Option<&'static str> {
                match self { $(Kind::$variant => $topic),+ }
            }
            /// How long after falling due it is still worth sending (after a downtime).
            pub fn relevance(self) -> Duration {
                match self { $(Kind::$variant => Duration::hours($hours)),+ }
            }
        }
    };
}

kinds! {
    PlanDue => "plan-due", Some("plan"), 48;
    PlanOverdue => "plan-overdue", None, 7 * 24;
    SilentMentor => "silent-mentor", Some("silence"), 7 * 24;
    SilentCurator => "silent-curator", Some("silence"), 7 * 24;
    ProposalRemind => "proposal-remind", None, 48;
    ProposalEscalate => "proposal-escalate", None, 7 * 24;
    PetitionPending => "petition-pending", None, 7 * 24;
    ResignationPending => "resignation-pending", None, 7 * 24;
    RequestUnmatched => "request-unmatched", None, 14 * 24;
    EndSoon => "end-soon", None, 14 * 24;
    EndSoonCurator => "end-soon-curator", None, 14 * 24;
    EndOverdue => "end-overdue", None, 7 * 24;
    StageEnter => "stage-enter", None, 7 * 24;
    StageWeekly => "stage-weekly", Some("stage"), 3 * 24;
    CalendarOpen => "calendar-open", Some("calendar"), 14 * 24;
    CalendarClosing => "calendar-closing", Some("calendar"), 7 * 24;
    BankAsk => "bank-ask", None, 14 * 24;
    BankReport => "bank-report", None, 14 * 24;
    DigestWeekly => "digest-weekly", Some("digest"), 2 * 24;
    DigestMonthly => "digest-monthly", Some("digest"), 3 * 24;
    SosRemind => "sos-remind", None, 7 * 24;
    SosMorning => "sos-morning", None, 7 * 24;
    SosEscalate => "sos-escalate", None, 7 * 24;
    PlanUnchecked => "plan-unchecked", None, 7 * 24;
    // the exit survey of an ended pair (the pass opens it through the outbox) and one
    // reminder of an unanswered survey
    SurveyExit => "survey-exit", None, 60 * 24;
    SurveyRemind => "survey-remind", Some("survey"), 7 * 24;
    // a meeting planned ahead: the evening before and an hour before (to both sides), and
    // after it, «Встреча состоялась?» to the mentor
    MeetingEve => "meeting-eve", Some("meetings"), 12;
    MeetingSoon => "meeting-soon", Some("meetings"), 1;
    MeetingAsk => "meeting-ask", None, 7 * 24;
}

/// The topics a person may switch off in /settings.
pub const TOPICS: [&str; 7] = [
    "plan", "silence", "stage", "calendar", "digest", "survey", "meetings",
];

/// A value for the text of a reminder.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Num(i64),
    Date(NaiveDate),
}

/// One message to one person, identified by (kind, subject, period, recipient).
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    pub kind: Kind,
    /// The id of what it is about (plan item, pair, proposal, organization, event…).
    pub subject: i64,
    /// Which occurrence: a deadline, a week, a year…
    pub period: String,
    /// users.id
    pub recipient: i64,
    pub tz: Tz,
    /// When it fell due.
    pub due: DateTime<Utc>,
    pub args: Vec<(&'static str, Arg)>,
}

impl Reminder {
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgRow {
    pub id: i64,
    pub name: String,
    pub tz: Tz,
    pub stage: i64,
    pub stage_since: DateTime<Utc>,
    pub curators: Vec<i64>,
    /// The current stage's checklist: who or what has not done what it needs (000 §IV).
    pub stage_todo: Vec<super::stages::Todo>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    pub id: i64,
    pub org_id: i64,
    pub mentor_id: i64,
    pub mentor_name: String,
    pub mentees: Vec<i64>,
    pub mentee_names: String,
    pub start_date: NaiveDate,
    pub planned_end: NaiveDate,
    pub last_meeting: Option<NaiveDate>,
    /// The median gap between its meetings, days (`None` until it has a rhythm).
    pub rhythm: Option<i64>,
}

/// A `/sos` question still without an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenSosRow {
    pub id: i64,
    pub pair_id: i64,
    pub mentee_name: String,
    pub question: String,
    pub asked_at: DateTime<Utc>,
}

/// A task or plan item handed in and waiting for the mentor's check.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmittedRow {
    pub id: i64,
    pub pair_id: i64,
    pub title: String,
    pub submitted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanItemRow {
    pub id: i64,
    pub pair_id: i64,
    /// The mentee it is for; `None` = every mentee of the pair.
    pub mentee_id: Option<i64>,
    pub title: String,
    pub deadline: NaiveDate,
}

/// A pending proposal, petition or resignation.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRow {
    pub id: i64,
    pub org_id: i64,
    /// The person to nudge first (the mentor for proposals).
    pub addressee: Option<i64>,
    /// What to open: the request of a proposal.
    pub link: i64,
    pub name: String,
    pub other_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Audience {
    pub curators: bool,
    pub coordinator: bool,
    pub mentors: bool,
}

impl Audience {
    /// `curators,mentors` or Russian words (`кураторы, наставники, координатор`).
    pub fn parse(s: &str) -> Option<Audience> {
        let mut a = Audience::default();
        for w in s
            .split([',', ' ', ';'])
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
        {
            match w.as_str() {
                "curators" | "curator" | "кураторы" | "куратор" | "кураторам" => {
                    a.curators = true
                }
                "coordinator" | "координатор" | "координатору" => {
                    a.coordinator = true
                }
                "mentors" | "mentor" | "наставники" | "наставник" | "наставникам" => {
                    a.mentors = true
                }
                _ => return None,
            }
        }
        (a != Audience::default()).then_some(a)
    }
    pub fn codes(self) -> String {
        let mut v = Vec::new();
        if self.curators {
            v.push("curators");
        }
        if self.coordinator {
            v.push("coordinator");
        }
        if self.mentors {
            v.push("mentors");
        }
        v.join(",")
    }
}

/// A yearly window: (month, day) to (month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: (u32, u32),
    pub end: (u32, u32),
}

impl Window {
    /// `01.02-31.03` (day.month, a dash or an en dash between).
    pub fn parse(s: &str) -> Option<Window> {
        let (a, b) = s.split_once(['-', '–'])?;
        let md = |x: &str| -> Option<(u32, u32)> {
            let (d, m) = x.trim().split_once('.')?;
            let (d, m) = (d.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
        };
        Some(Window {
            start: md(a)?,
            end: md(b)?,
        })
    }

    /// The window's first and last day for the occurrence opening in `year`.
    pub fn dates(self, year: i32) -> (NaiveDate, NaiveDate) {
        let open = clamped(year, self.start.0, self.start.1);
        let end_year = if self.end < self.start {
            year + 1
        } else {
            year
        };
        (open, clamped(end_year, self.end.0, self.end.1))
    }
}

/// The date, with a day past the month's end meaning its last day (29.02 in 2027 → 28.02).
pub fn clamped(year: i32, month: u32, day: u32) -> NaiveDate {
    (1..=day)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
        .expect("valid month")
}

#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEvent {
    pub id: i64,
    pub code: Option<String>,
    pub title: String,
    pub audience: Audience,
    pub window: Window,
}

/// A mentor or mentee in the banks, with the last confirmation of their profile.
#[derive(Debug, Clone, PartialEq)]
pub struct BankRow {
    pub user_id: i64,
    pub org_id: i64,
    pub name: String,
    pub confirmed_at: DateTime<Utc>,
}

/// A participant of an ended pair not yet sent the exit survey.
#[derive(Debug, Clone, PartialEq)]
pub struct ExitSurveyRow {
    pub pair_id: i64,
    pub org_id: i64,
    pub user_id: i64,
    pub ended_at: DateTime<Utc>,
}

/// A survey sent and not yet answered to the end.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenSurveyRow {
    pub response_id: i64,
    /// The survey's code (its title is rendered in the reader's language).
    pub survey: String,
    pub pair_id: i64,
    pub org_id: i64,
    pub user_id: i64,
    pub started_at: DateTime<Utc>,
}

/// Everything the planner looks at.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The district's time zone (`DISTRICT_TZ`): the coordinator's digest and calendar.
    pub default_tz: Tz,
    pub orgs: Vec<OrgRow>,
    pub coordinators: Vec<i64>,
    /// (user id, org id) of active mentors (the calendar's "mentors").
    pub mentors: Vec<(i64, i64)>,
    pub pairs: Vec<PairRow>,
    pub plan_items: Vec<PlanItemRow>,
    pub open_sos: Vec<OpenSosRow>,
    pub submitted: Vec<SubmittedRow>,
    pub proposals: Vec<PendingRow>,
    pub petitions: Vec<PendingRow>,
    pub resignations: Vec<PendingRow>,
    /// Requests nobody has been proposed for (`name`: the organization's name).
    pub unmatched: Vec<PendingRow>,
    pub calendar: Vec<CalendarEvent>,
    pub bank: Vec<BankRow>,
    /// (user id, topic) switched off in /settings.
    pub mutes: HashSet<(i64, String)>,
    pub exit_surveys: Vec<ExitSurveyRow>,
    pub open_surveys: Vec<OpenSurveyRow>,
    /// Meetings planned ahead and not yet settled (of active pairs).
    pub meetings: Vec<MeetingRow>,
}

/// A meeting planned ahead, not yet held, missed or cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub id: i64,
    pub pair_id: i64,
    /// `None`: the whole group.
    pub mentee_id: Option<i64>,
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    pub topic: String,
    /// When it was planned (or last moved): no reminder for a moment already past then.
    pub planned_at: DateTime<Utc>,
}

impl Snapshot {
    pub fn empty(default_tz: Tz) -> Snapshot {
        Snapshot {
            default_tz,
            orgs: vec![],
            coordinators: vec![],
            mentors: vec![],
            pairs: vec![],
            plan_items: vec![],
            open_sos: vec![],
            submitted: vec![],
            proposals: vec![],
            petitions: vec![],
            resignations: vec![],
            unmatched: vec![],
            calendar: vec![],
            bank: vec![],
            mutes: HashSet::new(),
            exit_surveys: vec![],
            open_surveys: vec![],
            meetings: vec![],
        }
    }
}

/// The planner's answer.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Plan {
    /// Send now.
    pub due: Vec<Reminder>,
    /// Due, but the recipient is in quiet hours: a later pass sends them.
    pub deferred: Vec<Reminder>,
    /// Fell due too long ago (e.g. while the bot was down): record as dropped, log once.
    pub stale: Vec<Reminder>,
}

pub fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The moment a local time happens (the earlier one on an autumn DST fold, the next valid
/// one in a spring gap).
pub fn at_local(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => at_local(tz, date, time + Duration::hours(1)),
    }
}

pub fn midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    at_local(tz, date, NaiveTime::MIN)
}

pub fn in_quiet_hours(rules: &Rules, tz: Tz, now: DateTime<Utc>) -> bool {
    let t = now.with_timezone(&tz).time();
    if rules.quiet_start > rules.quiet_end {
        t >= rules.quiet_start || t < rules.quiet_end
    } else {
        rules.quiet_start <= t && t < rules.quiet_end
    }
}

/// The ISO week of a date, e.g. `2026-W37`.
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The year of the current annual update of the banks (it starts in `bank_month`).
pub fn bank_year(rules: &Rules, today: NaiveDate) -> i32 {
    if today.month() >= rules.bank_month {
        today.year()
    } else {
        today.year() - 1
    }
}

struct Planner<'a> {
    s: &'a Snapshot,
    orgs: HashMap<i64, &'a OrgRow>,
    pairs: HashMap<i64, &'a PairRow>,
    rules: &'a Rules,
    now: DateTime<Utc>,
    plan: Plan,
}

impl Planner<'_> {
    /// Sorts a reminder into due / deferred / stale (or nowhere: muted, ancient, not yet due).
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: Kind,
        subject: i64,
        period: String,
        recipient: i64,
        tz: Tz,
        due: DateTime<Utc>,
        args: Vec<(&'static str, Arg)>,
    ) {
        if due > self.now {
            return;
        }
        if let Some(topic) = kind.topic() {
            if self.s.mutes.contains(&(recipient, topic.to_string())) {
                return;
            }
        }
        let r = Reminder {
            kind,
            subject,
            period,
            recipient,
            tz,
            due,
            args,
        };
        let age = self.now - due;
        if age > kind.relevance() {
            // logged once in the week after it stopped being relevant; older ones are history
            if age <= kind.relevance() + Duration::days(7) {
                self.plan.stale.push(r);
            }
        } else if in_quiet_hours(self.rules, tz, self.now) {
            self.plan.deferred.push(r);
        } else {
            self.plan.due.push(r);
        }
    }

    fn org(&self, id: i64) -> Option<&OrgRow> {
        self.orgs.get(&id).copied()
    }

    fn org_tz(&self, id: i64) -> Tz {
        self.org(id).map(|o| o.tz).unwrap_or(self.s.default_tz)
    }

    fn curators(&self, org: i64) -> Vec<i64> {
        self.org(org)
            .map(|o| o.curators.clone())
            .unwrap_or_default()
    }

    /// School holidays (the district calendar's «каникулы») around `today`, as dates.
    fn holidays(&self, today: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
        self.s
            .calendar
            .iter()
            .filter(|e| super::everyday::is_holiday_event(e.code.as_deref(), &e.title))
            .flat_map(|e| [today.year() - 1, today.year()].map(|y| e.window.dates(y)))
            .collect()
    }

    fn plan_items(&mut self) {
        let s = self.s;
        for item in &s.plan_items {
            let Some(pair) = self.pairs.get(&item.pair_id).copied() else {
                continue;
            };
            let tz = self.org_tz(pair.org_id);
            let today = today(tz, self.now);
            let mentees = match item.mentee_id {
                Some(m) => vec![m],
                None => pair.mentees.clone(),
            };
            let args = |days: i64| {
                vec![
                    ("title", Arg::Text(item.title.clone())),
                    ("deadline", Arg::Date(item.deadline)),
                    ("days", Arg::Num(days)),
                ]
            };
            let period = item.deadline.to_string();
            if today < item.deadline {
                let starts = item.deadline - Duration::days(self.rules.plan_due_days);
                for m in &mentees {
                    self.push(
                        Kind::PlanDue,
                        item.id,
                        period.clone(),
                        *m,
                        tz,
                        midnight(tz, starts),
                        args((item.deadline - today).num_days()),
                    );
                }
            } else if today > item.deadline {
                let late = (today - item.deadline).num_days();
                let due = midnight(tz, item.deadline + Duration::days(1));
                for m in mentees.iter().chain([&pair.mentor_id]) {
                    let mut a = args(late);
                    a.push(("mentee", Arg::Text(pair.mentee_names.clone())));
                    a.push((
                        "role",
                        Arg::Text(
                            if *m == pair.mentor_id {
                                "mentor"
                            } else {
                                "mentee"
                            }
                            .into(),
                        ),
                    ));
                    self.push(Kind::PlanOverdue, item.id, period.clone(), *m, tz, due, a);
                }
            }
        }
    }

    fn pairs(&mut self) {
        let s = self.s;
        for p in &s.pairs {
            let tz = self.org_tz(p.org_id);
            let today = today(tz, self.now);
            if p.start_date > today {
                continue;
            }
            let base = vec![
                ("pair", Arg::Num(p.id)),
                ("mentor", Arg::Text(p.mentor_name.clone())),
                ("mentees", Arg::Text(p.mentee_names.clone())),
                ("end", Arg::Date(p.planned_end)),
            ];
            // silence: no meeting logged for a while
            let last = p.last_meeting.map_or(p.start_date, |m| m.max(p.start_date));
            let silent = (today - last).num_days();
            // the text says when the last meeting was, or that there was none at all
            let logged = if p.last_meeting.is_some() {
                "yes"
            } else {
                "no"
            };
            let with_days = |n: i64| {
                let mut a = base.clone();
                a.push(("days", Arg::Num(n)));
                a.push(("logged", Arg::Text(logged.to_string())));
                a.push(("last", Arg::Date(last)));
                a
            };
            // the pair's own rhythm sets what silence is normal; school holidays do not count
            // (and nobody is nudged during them)
            let holidays = self.holidays(today);
            let on_holiday = holidays.iter().any(|(a, b)| *a <= today && today <= *b);
            let paused = super::everyday::holiday_days(last, today, &holidays);
            let mentor_days =
                super::everyday::silence_allowed(self.rules.silent_mentor_days, p.rhythm);
            let curator_days = super::everyday::silence_allowed(
                self.rules.silent_curator_days,
                p.rhythm.map(|r| r + 7),
            );
            // a meeting planned ahead is not silence: nobody is nudged until it has passed
            let planned = self
                .s
                .meetings
                .iter()
                .any(|m| m.pair_id == p.id && m.starts_at > self.now);
            if !on_holiday && !planned && silent - paused >= mentor_days {
                let due = midnight(tz, last + Duration::days(mentor_days + paused));
                self.push(
                    Kind::SilentMentor,
                    p.id,
                    last.to_string(),
                    p.mentor_id,
                    tz,
                    due,
                    with_days(silent),
                );
            }
            if !on_holiday && !planned && silent - paused >= curator_days {
                let due = midnight(tz, last + Duration::days(curator_days + paused));
                for c in self.curators(p.org_id) {
                    self.push(
                        Kind::SilentCurator,
                        p.id,
                        last.to_string(),
                        c,
                        tz,
                        due,
                        with_days(silent),
                    );
                }
            }
            // the end of the program
            let left = (p.planned_end - today).num_days();
            if (0..=self.rules.end_notice_days).contains(&left) {
                let due = midnight(
                    tz,
                    p.planned_end - Duration::days(self.rules.end_notice_days),
                );
                let period = p.planned_end.to_string();
                for m in p.mentees.iter().chain([&p.mentor_id]) {
                    self.push(
                        Kind::EndSoon,
                        p.id,
                        period.clone(),
                        *m,
                        tz,
                        due,
                        with_days(left),
                    );
                }
                for c in self.curators(p.org_id) {
                    self.push(
                        Kind::EndSoonCurator,
                        p.id,
                        period.clone(),
                        c,
                        tz,
                        due,
                        with_days(left),
                    );
                }
            } else if left < 0 {
                let over = -left;
                let week = (over - 1) / 7;
                let due = midnight(tz, p.planned_end + Duration::days(1 + 7 * week));
                for c in self.curators(p.org_id) {
                    self.push(
                        Kind::EndOverdue,
                        p.id,
                        format!("{}/w{week}", p.planned_end),
                        c,
                        tz,
                        due,
                        with_days(over),
                    );
                }
            }
        }
    }

    /// Meetings planned ahead: reminders to both sides, then the mentor's question. The
    /// period is the start: a moved meeting is reminded again at its new time.
    fn meetings(&mut self) {
        let s = self.s;
        for m in &s.meetings {
            let Some(pair) = self.pairs.get(&m.pair_id).copied() else {
                continue;
            };
            let tz = self.org_tz(pair.org_id);
            let starts = m.starts_at.with_timezone(&tz).naive_local();
            let planned_at = m.planned_at.with_timezone(&tz).naive_local();
            let people: Vec<i64> = std::iter::once(pair.mentor_id)
                .chain(match m.mentee_id {
                    Some(id) => vec![id],
                    None => pair.mentees.clone(),
                })
                .collect();
            let args = vec![
                ("meeting", Arg::Num(m.id)),
                (
                    "starts",
                    Arg::Text(starts.format("%Y-%m-%dT%H:%M").to_string()),
                ),
                ("topic", Arg::Text(m.topic.clone())),
                ("minutes", Arg::Num(m.minutes)),
                ("mentor", Arg::Text(pair.mentor_name.clone())),
                ("mentees", Arg::Text(pair.mentee_names.clone())),
            ];
            let period = m.starts_at.to_rfc3339();
            let at = |t: chrono::NaiveDateTime| at_local(tz, t.date(), t.time());
            if let Some(eve) = super::meetings::eve_reminder_at(starts, planned_at)
                .filter(|_| self.now < m.starts_at)
            {
                for u in &people {
                    self.push(
                        Kind::MeetingEve,
                        m.id,
                        period.clone(),
                        *u,
                        tz,
                        at(eve),
                        args.clone(),
                    );
                }
            }
            if let Some(soon) = super::meetings::soon_reminder_at(starts, planned_at) {
                if self.now < m.starts_at {
                    for u in &people {
                        self.push(
                            Kind::MeetingSoon,
                            m.id,
                            period.clone(),
                            *u,
                            tz,
                            at(soon),
                            args.clone(),
                        );
                    }
                }
            }
            let ask = super::meetings::ask_at(starts, u32::try_from(m.minutes).unwrap_or(45));
            self.push(
                Kind::MeetingAsk,
                m.id,
                period.clone(),
                pair.mentor_id,
                tz,
                at(ask),
                args.clone(),
            );
        }
    }

    fn pending(&mut self) {
        let s = self.s;
        for p in &s.proposals {
            let tz = self.org_tz(p.org_id);
            let args = vec![
                ("name", Arg::Text(p.name.clone())),
                ("other", Arg::Text(p.other_name.clone())),
                (
                    "other_gender",
                    Arg::Text(
                        super::gender::from_full_name(&p.other_name)
                            .code()
                            .to_string(),
                    ),
                ),
                ("hours", Arg::Num((self.now - p.created_at).num_hours())),
                ("request", Arg::Num(p.link)),
            ];
            if let Some(mentor) = p.addressee {
                self.push(
                    Kind::ProposalRemind,
                    p.id,
                    "-".into(),
                    mentor,
                    tz,
                    p.created_at + self.rules.proposal_remind,
                    args.clone(),
                );
            }
            for c in self.curators(p.org_id) {
                self.push(
                    Kind::ProposalEscalate,
                    p.id,
                    "-".into(),
                    c,
                    tz,
                    p.created_at + self.rules.proposal_escalate,
                    args.clone(),
                );
            }
        }
        for (kind, rows) in [
            (Kind::PetitionPending, &s.petitions),
            (Kind::ResignationPending, &s.resignations),
        ] {
            for p in rows {
                let tz = self.org_tz(p.org_id);
                let days = (self.now - p.created_at).num_days();
                let args = vec![
                    ("name", Arg::Text(p.name.clone())),
                    ("days", Arg::Num(days)),
                ];
                for c in self.curators(p.org_id) {
                    self.push(
                        kind,
                        p.id,
                        "-".into(),
                        c,
                        tz,
                        p.created_at + Duration::days(self.rules.pending_days),
                        args.clone(),
                    );
                }
            }
        }
        // a request nobody was proposed for: the district's coordinator is told (the school's
        // name and the request's number only — no mentee's name leaves the school)
        for q in &s.unmatched {
            let days = (self.now - q.created_at).num_days();
            let args = vec![
                ("org", Arg::Text(q.name.clone())),
                ("request", Arg::Num(q.id)),
                ("days", Arg::Num(days)),
            ];
            for c in &s.coordinators {
                self.push(
                    Kind::RequestUnmatched,
                    q.id,
                    "-".into(),
                    *c,
                    s.default_tz,
                    q.created_at + Duration::days(self.rules.unmatched_days),
                    args.clone(),
                );
            }
        }
    }

    /// An unanswered `/sos`: the mentor after `sos_remind_hours` working hours, again the next
    /// morning, and the curators after `sos_escalate` (quiet hours hold each one till morning).
    fn sos(&mut self) {
        let s = self.s;
        for q in &s.open_sos {
            let Some(pair) = self.pairs.get(&q.pair_id).copied() else {
                continue;
            };
            let tz = self.org_tz(pair.org_id);
            let (qs, qe) = (self.rules.quiet_start, self.rules.quiet_end);
            let first = super::everyday::after_working_hours(
                tz,
                qs,
                qe,
                q.asked_at,
                self.rules.sos_remind_hours,
            );
            let morning = super::everyday::next_morning(tz, qe, first);
            let waited = (self.now - q.asked_at).num_minutes().max(0);
            let args = vec![
                ("pair", Arg::Num(pair.id)),
                ("mentee", Arg::Text(q.mentee_name.clone())),
                ("mentor", Arg::Text(pair.mentor_name.clone())),
                ("question", Arg::Text(q.question.clone())),
                ("waited", Arg::Num(waited)),
            ];
            let period = q.asked_at.to_rfc3339();
            self.push(
                Kind::SosRemind,
                q.id,
                period.clone(),
                pair.mentor_id,
                tz,
                first,
                args.clone(),
            );
            self.push(
                Kind::SosMorning,
                q.id,
                period.clone(),
                pair.mentor_id,
                tz,
                morning,
                args.clone(),
            );
            for c in self.curators(pair.org_id) {
                self.push(
                    Kind::SosEscalate,
                    q.id,
                    period.clone(),
                    c,
                    tz,
                    q.asked_at + self.rules.sos_escalate,
                    args.clone(),
                );
            }
        }
    }

    /// Handed in and not checked for `unchecked_after`: the mentor (once per hand-in).
    fn unchecked(&mut self) {
        let s = self.s;
        for it in &s.submitted {
            let Some(pair) = self.pairs.get(&it.pair_id).copied() else {
                continue;
            };
            let tz = self.org_tz(pair.org_id);
            let days = (self.now - it.submitted_at).num_days();
            let args = vec![
                ("title", Arg::Text(it.title.clone())),
                ("mentee", Arg::Text(pair.mentee_names.clone())),
                ("days", Arg::Num(days)),
            ];
            self.push(
                Kind::PlanUnchecked,
                it.id,
                it.submitted_at.to_rfc3339(),
                pair.mentor_id,
                tz,
                it.submitted_at + self.rules.unchecked_after,
                args,
            );
        }
    }

    /// An ended pair's exit survey to each participant who has not had it (exactly once:
    /// the key, and the questionnaire itself), and one reminder `survey_remind_days` after a
    /// survey was sent if it is still unanswered.
    fn surveys(&mut self) {
        let s = self.s;
        for e in &s.exit_surveys {
            let tz = self.org_tz(e.org_id);
            self.push(
                Kind::SurveyExit,
                e.pair_id,
                "-".into(),
                e.user_id,
                tz,
                e.ended_at,
                vec![("pair", Arg::Num(e.pair_id))],
            );
        }
        for o in &s.open_surveys {
            let tz = self.org_tz(o.org_id);
            let args = vec![
                ("pair", Arg::Num(o.pair_id)),
                ("survey", Arg::Text(o.survey.clone())),
                ("days", Arg::Num((self.now - o.started_at).num_days())),
            ];
            self.push(
                Kind::SurveyRemind,
                o.response_id,
                "-".into(),
                o.user_id,
                tz,
                o.started_at + Duration::days(self.rules.survey_remind_days),
                args,
            );
        }
    }

    /// The note on entering a stage (what it needs, who has not done it), then weekly — after
    /// the first week only while something on its checklist is overdue.
    fn stages(&mut self) {
        let s = self.s;
        for o in &s.orgs {
            let since = o.stage_since.with_timezone(&o.tz).date_naive();
            let today = today(o.tz, self.now);
            let todo: Vec<&super::stages::Todo> = o
                .stage_todo
                .iter()
                .filter(|t| t.kind.stage() == o.stage)
                .collect();
            let list: Vec<super::stages::Todo> = todo.iter().map(|t| (*t).clone()).collect();
            let overdue = todo.iter().filter(|t| t.overdue(today)).count() as i64;
            let args = vec![
                ("stage", Arg::Num(o.stage)),
                ("org", Arg::Text(o.name.clone())),
                ("todo", Arg::Text(super::stages::encode(&list))),
                ("count", Arg::Num(todo.len() as i64)),
                ("overdue", Arg::Num(overdue)),
            ];
            let base = format!("{}:{}", o.stage, since);
            for c in &o.curators {
                self.push(
                    Kind::StageEnter,
                    o.id,
                    base.clone(),
                    *c,
                    o.tz,
                    o.stage_since,
                    args.clone(),
                );
            }
            let weeks = (today - since).num_days() / 7;
            if super::stages::weekly_nag(weeks, &list, today) {
                let due = midnight(o.tz, since + Duration::days(7 * weeks));
                for c in &o.curators {
                    self.push(
                        Kind::StageWeekly,
                        o.id,
                        format!("{base}:w{weeks}"),
                        *c,
                        o.tz,
                        due,
                        args.clone(),
                    );
                }
            }
        }
    }

    fn calendar(&mut self) {
        let s = self.s;
        let mut recipients: Vec<(Audience, i64, Tz)> = Vec::new();
        for o in &s.orgs {
            recipients.extend(o.curators.iter().map(|c| {
                (
                    Audience {
                        curators: true,
                        ..Default::default()
                    },
                    *c,
                    o.tz,
                )
            }));
        }
        recipients.extend(s.coordinators.iter().map(|c| {
            (
                Audience {
                    coordinator: true,
                    ..Default::default()
                },
                *c,
                s.default_tz,
            )
        }));
        recipients.extend(s.mentors.iter().map(|(m, org)| {
            (
                Audience {
                    mentors: true,
                    ..Default::default()
                },
                *m,
                self.org_tz(*org),
            )
        }));
        for e in &s.calendar {
            for (who, user, tz) in &recipients {
                let wanted = (who.curators && e.audience.curators)
                    || (who.coordinator && e.audience.coordinator)
                    || (who.mentors && e.audience.mentors);
                if !wanted {
                    continue;
                }
                let today = today(*tz, self.now);
                for year in [today.year() - 1, today.year()] {
                    let (open, close) = e.window.dates(year);
                    if today < open || today > close {
                        continue;
                    }
                    let args = vec![
                        ("title", Arg::Text(e.title.clone())),
                        ("code", Arg::Text(e.code.clone().unwrap_or_default())),
                        ("from", Arg::Date(open)),
                        ("to", Arg::Date(close)),
                        ("days", Arg::Num((close - today).num_days())),
                    ];
                    let closing = close - Duration::days(7);
                    if today >= closing && closing > open {
                        self.push(
                            Kind::CalendarClosing,
                            e.id,
                            year.to_string(),
                            *user,
                            *tz,
                            midnight(*tz, closing),
                            args,
                        );
                    } else {
                        self.push(
                            Kind::CalendarOpen,
                            e.id,
                            year.to_string(),
                            *user,
                            *tz,
                            midnight(*tz, open),
                            args,
                        );
                    }
                }
            }
        }
    }

    fn bank(&mut self) {
        let s = self.s;
        let mut report: Vec<(i64, Vec<String>)> = Vec::new();
        for b in &s.bank {
            let tz = self.org_tz(b.org_id);
            let today = today(tz, self.now);
            let year = bank_year(self.rules, today);
            let start = midnight(tz, clamped(year, self.rules.bank_month, 1));
            if b.confirmed_at >= start {
                continue;
            }
            self.push(
                Kind::BankAsk,
                b.user_id,
                year.to_string(),
                b.user_id,
                tz,
                start,
                vec![("year", Arg::Num(year as i64))],
            );
            match report.iter_mut().find(|(o, _)| *o == b.org_id) {
                Some((_, names)) => names.push(b.name.clone()),
                None => report.push((b.org_id, vec![b.name.clone()])),
            }
        }
        for (org, mut names) in report {
            let tz = self.org_tz(org);
            let year = bank_year(self.rules, today(tz, self.now));
            let due = midnight(
                tz,
                clamped(year, self.rules.bank_month, 1)
                    + Duration::days(self.rules.bank_report_days),
            );
            names.sort();
            let args = vec![
                ("count", Arg::Num(names.len() as i64)),
                ("names", Arg::Text(names.join("\n"))),
            ];
            for c in self.curators(org) {
                self.push(
                    Kind::BankReport,
                    org,
                    year.to_string(),
                    c,
                    tz,
                    due,
                    args.clone(),
                );
            }
        }
    }

    fn digests(&mut self) {
        let s = self.s;
        let hour = NaiveTime::from_hms_opt(self.rules.digest_hour, 0, 0).unwrap_or(NaiveTime::MIN);
        for o in &s.orgs {
            let today = today(o.tz, self.now);
            let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
            debug_assert_eq!(monday.weekday(), Weekday::Mon);
            let due = at_local(o.tz, monday, hour);
            for c in &o.curators {
                self.push(
                    Kind::DigestWeekly,
                    o.id,
                    iso_week(monday),
                    *c,
                    o.tz,
                    due,
                    vec![],
                );
            }
        }
        let tz = s.default_tz;
        let today = today(tz, self.now);
        let first = clamped(today.year(), today.month(), 1);
        let due = at_local(tz, first, hour);
        for c in &s.coordinators {
            self.push(
                Kind::DigestMonthly,
                0,
                first.format("%Y-%m").to_string(),
                *c,
                tz,
                due,
                vec![],
            );
        }
    }
}

/// What is due at `now`.
pub fn plan(snapshot: &Snapshot, rules: &Rules, now: DateTime<Utc>) -> Plan {
    let orgs = snapshot.orgs.iter().map(|o| (o.id, o)).collect();
    let pairs = snapshot.pairs.iter().map(|p| (p.id, p)).collect();
    let mut p = Planner {
        s: snapshot,
        orgs,
        pairs,
        rules,
        now,
        plan: Plan::default(),
    };
    p.plan_items();
    p.pairs();
    p.pending();
    p.sos();
    p.unchecked();
    p.surveys();
    p.meetings();
    p.stages();
    p.calendar();
    p.bank();
    p.digests();
    p.plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stages::{Todo, TodoKind};
    use chrono_tz::Asia::{Irkutsk, Yekaterinburg};
    use chrono_tz::Europe::Moscow;

    /// The states are the codes `reminders_sent.state` allows (migration 0004), each once.
    #[test]
    fn reminder_states_are_the_stored_codes() {
        let migration = include_str!("../../migrations/0004_reminders.sql");
        for s in ReminderState::ALL {
            assert_eq!(ReminderState::from_code(s.code()), Some(*s));
            assert!(migration.contains(&format!("'{}'", s.code())), "{s:?}");
        }
        assert_eq!(ReminderState::ALL.len(), 6);
        assert_eq!(ReminderState::from_code("delivered"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }
    /// Local wall-clock time in `tz`, as UTC.
    fn local(tz: Tz, y: i32, m: u32, day: u32, h: u32) -> DateTime<Utc> {
        at_local(tz, d(y, m, day), NaiveTime::from_hms_opt(h, 0, 0).unwrap())
    }

    const CURATOR: i64 = 1;
    const MENTOR: i64 = 2;
    const MENTEE: i64 = 3;
    const COORD: i64 = 9;

    fn org(tz: Tz) -> OrgRow {
        OrgRow {
            id: 10,
            name: "Школа № 1".into(),
            tz,
            stage: 6,
            stage_since: utc(2026, 1, 1, 0, 0),
            curators: vec![CURATOR],
            stage_todo: vec![],
        }
    }

    fn pair(start: NaiveDate, end: NaiveDate, last: Option<NaiveDate>) -> PairRow {
        PairRow {
            id: 5,
            org_id: 10,
            mentor_id: MENTOR,
            mentor_name: "Петрова А. С.".into(),
            mentees: vec![MENTEE],
            mentee_names: "Иванова М. П.".into(),
            start_date: start,
            planned_end: end,
            last_meeting: last,
            rhythm: None,
        }
    }

    fn snap(tz: Tz) -> Snapshot {
        let mut s = Snapshot::empty(Moscow);
        s.orgs.push(org(tz));
        s
    }

    fn keys(p: &[Reminder], kind: Kind) -> Vec<(i64, String, i64)> {
        p.iter()
            .filter(|r| r.kind == kind)
            .map(|r| (r.subject, r.period.clone(), r.recipient))
            .collect()
    }

    #[test]
    fn quiet_hours_wait_for_the_morning_in_each_time_zone() {
        let rules = Rules::default();
        // 22:30 in Irkutsk (UTC+8) is 14:30 UTC: quiet there, working hours in Moscow
        let t = utc(2026, 9, 14, 14, 30);
        assert!(in_quiet_hours(&rules, Irkutsk, t));
        assert!(!in_quiet_hours(&rules, Moscow, t));
        // 07:59 / 08:00 local in Yekaterinburg (UTC+5)
        assert!(in_quiet_hours(
            &rules,
            Yekaterinburg,
            local(Yekaterinburg, 2026, 9, 15, 7) + Duration::minutes(59)
        ));
        assert!(!in_quiet_hours(
            &rules,
            Yekaterinburg,
            local(Yekaterinburg, 2026, 9, 15, 8)
        ));
        assert!(in_quiet_hours(
            &rules,
            Yekaterinburg,
            local(Yekaterinburg, 2026, 9, 15, 21)
        ));
        // a proposal 48 h old at 23:00 Irkutsk is deferred, then sent at 08:00
        let mut s = snap(Irkutsk);
        let created = local(Irkutsk, 2026, 9, 12, 23);
        s.proposals.push(PendingRow {
            id: 7,
            org_id: 10,
            addressee: Some(MENTOR),
            link: 1,
            name: "Иванова".into(),
            other_name: "Петрова".into(),
            created_at: created,
        });
        let night = plan(&s, &rules, created + Duration::hours(48));
        assert!(night.due.is_empty());
        assert_eq!(
            keys(&night.deferred, Kind::ProposalRemind),
            vec![(7, "-".into(), MENTOR)]
        );
        let morning = plan(&s, &rules, local(Irkutsk, 2026, 9, 15, 8));
        assert_eq!(
            keys(&morning.due, Kind::ProposalRemind),
            vec![(7, "-".into(), MENTOR)]
        );
        assert!(
            keys(&morning.due, Kind::ProposalEscalate).is_empty(),
            "96 h not yet"
        );
        let later = plan(&s, &rules, local(Irkutsk, 2026, 9, 17, 9));
        assert_eq!(
            keys(&later.due, Kind::ProposalEscalate),
            vec![(7, "-".into(), CURATOR)]
        );
        assert!(
            keys(&later.due, Kind::ProposalRemind).is_empty(),
            "the 48 h reminder is no longer relevant"
        );
        // a custom quiet window that does not wrap midnight
        let r = Rules {
            quiet_start: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
            quiet_end: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            ..Rules::default()
        };
        assert!(in_quiet_hours(&r, Moscow, local(Moscow, 2026, 9, 15, 14)));
        assert!(!in_quiet_hours(&r, Moscow, local(Moscow, 2026, 9, 15, 22)));
        assert_eq!(
            parse_quiet_hours("21:00-08:00"),
            Some((rules.quiet_start, rules.quiet_end))
        );
        assert_eq!(
            parse_quiet_hours("22–7").map(|q| q.0),
            NaiveTime::from_hms_opt(22, 0, 0)
        );
        assert_eq!(parse_quiet_hours("soon"), None);
    }

    #[test]
    fn plan_items_due_and_overdue_across_a_month_end() {
        let rules = Rules::default();
        let mut s = snap(Yekaterinburg);
        s.pairs
            .push(pair(d(2026, 9, 1), d(2027, 6, 1), Some(d(2027, 2, 25))));
        // due on 1 March 2027: the reminder starts on 27 February (no 29th, no 30th)
        s.plan_items.push(PlanItemRow {
            id: 40,
            pair_id: 5,
            mentee_id: None,
            title: "План урока".into(),
            deadline: d(2027, 3, 1),
        });
        assert!(plan(&s, &rules, local(Yekaterinburg, 2027, 2, 26, 12))
            .due
            .iter()
            .all(|r| r.kind != Kind::PlanDue));
        let p = plan(&s, &rules, local(Yekaterinburg, 2027, 2, 27, 9));
        assert_eq!(
            keys(&p.due, Kind::PlanDue),
            vec![(40, "2027-03-01".into(), MENTEE)]
        );
        assert_eq!(p.due[0].arg("days"), Some(&Arg::Num(2)));
        // the deadline day itself is not overdue; the next day is, for mentee and mentor
        assert!(plan(&s, &rules, local(Yekaterinburg, 2027, 3, 1, 20))
            .due
            .iter()
            .all(|r| r.kind != Kind::PlanOverdue));
        let p = plan(&s, &rules, local(Yekaterinburg, 2027, 3, 2, 9));
        assert_eq!(
            keys(&p.due, Kind::PlanOverdue),
            vec![
                (40, "2027-03-01".into(), MENTEE),
                (40, "2027-03-01".into(), MENTOR)
            ]
        );
        // 02 March 01:00 in Yekaterinburg is still 1 March in UTC: the org's zone decides
        let p = plan(&s, &rules, local(Yekaterinburg, 2027, 3, 2, 1));
        assert_eq!(
            keys(&p.deferred, Kind::PlanOverdue).len(),
            2,
            "overdue, but at night"
        );
        // a month later the overdue nudge is history (the digest lists it)
        let p = plan(&s, &rules, local(Yekaterinburg, 2027, 4, 2, 9));
        assert!(p.due.iter().all(|r| r.kind != Kind::PlanOverdue));
    }

    #[test]
    fn a_planned_meeting_is_reminded_asked_about_and_silences_the_silence_nudge() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        s.pairs
            .push(pair(d(2026, 9, 1), d(2027, 6, 1), Some(d(2026, 10, 1))));
        // planned on 14 October for Friday 16 October, 15:00 Moscow
        let starts = at_local(
            Moscow,
            d(2026, 10, 16),
            NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
        );
        s.meetings.push(MeetingRow {
            id: 7,
            pair_id: 5,
            mentee_id: None,
            starts_at: starts,
            minutes: 45,
            topic: "Разбор урока".into(),
            planned_at: local(Moscow, 2026, 10, 14, 10),
        });
        let period = starts.to_rfc3339();
        let both = vec![(7, period.clone(), MENTOR), (7, period.clone(), MENTEE)];
        // silent for 14 days on the 15th, but a meeting is planned: no nudge
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 15, 10));
        assert!(keys(&p.due, Kind::SilentMentor).is_empty());
        assert!(keys(&p.due, Kind::MeetingEve).is_empty());
        // the evening before, 18:00, to both sides
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 15, 18));
        assert_eq!(keys(&p.due, Kind::MeetingEve), both);
        // an hour before
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 16, 14));
        assert_eq!(keys(&p.due, Kind::MeetingSoon), both);
        assert!(keys(&p.due, Kind::MeetingAsk).is_empty());
        // after its 45 minutes: the mentor is asked; the silence nudge is back (the meeting passed)
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 16, 16));
        assert_eq!(keys(&p.due, Kind::MeetingAsk), vec![(7, period, MENTOR)]);
        assert!(
            keys(&p.due, Kind::MeetingSoon).is_empty(),
            "not after the start"
        );
        assert!(!keys(&p.due, Kind::SilentMentor).is_empty());
        // moved to the 19th (planned again on the 16th): a new period, reminded again
        s.meetings[0].starts_at = at_local(
            Moscow,
            d(2026, 10, 19),
            NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
        );
        s.meetings[0].planned_at = local(Moscow, 2026, 10, 16, 16);
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 18, 18));
        assert_eq!(keys(&p.due, Kind::MeetingEve).len(), 2);
        assert_ne!(keys(&p.due, Kind::MeetingEve)[0].1, starts.to_rfc3339());
        // switched off in /settings: no reminders, but the mentor's question still comes
        s.mutes.insert((MENTOR, "meetings".into()));
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 18, 18));
        assert_eq!(
            keys(&p.due, Kind::MeetingEve),
            vec![(7, s.meetings[0].starts_at.to_rfc3339(), MENTEE)]
        );
    }

    #[test]
    fn silent_pairs_nudge_the_mentor_then_the_curator() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        s.pairs
            .push(pair(d(2026, 9, 1), d(2027, 6, 1), Some(d(2026, 10, 1))));
        let at = |day| local(Moscow, 2026, 10, day, 10);
        assert!(keys(&plan(&s, &rules, at(14)).due, Kind::SilentMentor).is_empty());
        assert_eq!(
            keys(&plan(&s, &rules, at(15)).due, Kind::SilentMentor),
            vec![(5, "2026-10-01".into(), MENTOR)]
        );
        assert!(keys(&plan(&s, &rules, at(21)).due, Kind::SilentCurator).is_empty());
        assert_eq!(
            keys(&plan(&s, &rules, at(22)).due, Kind::SilentCurator),
            vec![(5, "2026-10-01".into(), CURATOR)]
        );
        // a meeting was logged: the curator is told when, not «no meeting»
        let args = &plan(&s, &rules, at(22))
            .due
            .into_iter()
            .find(|r| r.kind == Kind::SilentCurator)
            .unwrap()
            .args;
        assert!(
            args.contains(&("logged", Arg::Text("yes".into())))
                && args.contains(&("last", Arg::Date(d(2026, 10, 1)))),
            "{args:?}"
        );
        // a meeting on the pair's first day counts as a meeting
        s.pairs[0].last_meeting = Some(d(2026, 9, 1));
        let args = &plan(&s, &rules, local(Moscow, 2026, 9, 22, 10))
            .due
            .into_iter()
            .find(|r| r.kind == Kind::SilentCurator)
            .unwrap()
            .args;
        assert!(
            args.contains(&("logged", Arg::Text("yes".into())))
                && args.contains(&("last", Arg::Date(d(2026, 9, 1)))),
            "{args:?}"
        );
        // no meeting ever: counted from the start of the pair
        s.pairs[0].last_meeting = None;
        let args = &plan(&s, &rules, local(Moscow, 2026, 9, 22, 10))
            .due
            .into_iter()
            .find(|r| r.kind == Kind::SilentCurator)
            .unwrap()
            .args;
        assert!(
            args.contains(&("logged", Arg::Text("no".into()))),
            "{args:?}"
        );
        assert_eq!(
            keys(
                &plan(&s, &rules, local(Moscow, 2026, 9, 15, 10)).due,
                Kind::SilentMentor
            ),
            vec![(5, "2026-09-01".into(), MENTOR)]
        );
        // muted
        s.mutes.insert((MENTOR, "silence".into()));
        assert!(keys(
            &plan(&s, &rules, local(Moscow, 2026, 9, 15, 10)).due,
            Kind::SilentMentor
        )
        .is_empty());
    }

    #[test]
    fn program_end_notice_then_weekly_to_the_curator() {
        let rules = Rules::default();
        let mut s = snap(Irkutsk);
        s.pairs
            .push(pair(d(2026, 9, 1), d(2027, 5, 31), Some(d(2027, 5, 20))));
        let p = plan(&s, &rules, local(Irkutsk, 2027, 5, 17, 9));
        assert_eq!(
            keys(&p.due, Kind::EndSoon),
            vec![
                (5, "2027-05-31".into(), MENTEE),
                (5, "2027-05-31".into(), MENTOR)
            ]
        );
        assert_eq!(
            keys(&p.due, Kind::EndSoonCurator),
            vec![(5, "2027-05-31".into(), CURATOR)]
        );
        assert!(keys(
            &plan(&s, &rules, local(Irkutsk, 2027, 5, 16, 9)).due,
            Kind::EndSoon
        )
        .is_empty());
        let weeks: Vec<String> = [1, 7, 8, 14, 15]
            .iter()
            .map(|n| {
                plan(
                    &s,
                    &rules,
                    local(Irkutsk, 2027, 5, 31, 9) + Duration::days(*n),
                )
                .due
            })
            .map(|due| keys(&due, Kind::EndOverdue)[0].1.clone())
            .collect();
        assert_eq!(
            weeks,
            [
                "2027-05-31/w0",
                "2027-05-31/w0",
                "2027-05-31/w1",
                "2027-05-31/w1",
                "2027-05-31/w2"
            ]
        );
    }

    #[test]
    fn monday_digest_at_nine_local_and_monthly_on_the_first() {
        let rules = Rules::default();
        let mut s = snap(Yekaterinburg);
        s.coordinators.push(COORD);
        // Monday 14 September 2026, 08:59 and 09:00 in Yekaterinburg
        let before = local(Yekaterinburg, 2026, 9, 14, 9) - Duration::minutes(1);
        assert!(keys(&plan(&s, &rules, before).due, Kind::DigestWeekly).is_empty());
        let p = plan(&s, &rules, local(Yekaterinburg, 2026, 9, 14, 9));
        assert_eq!(
            keys(&p.due, Kind::DigestWeekly),
            vec![(10, "2026-W38".into(), CURATOR)]
        );
        // after a downtime: still sent on Tuesday, dropped (once) by Thursday
        let tue = plan(&s, &rules, local(Yekaterinburg, 2026, 9, 15, 12));
        assert_eq!(keys(&tue.due, Kind::DigestWeekly).len(), 1);
        let thu = plan(&s, &rules, local(Yekaterinburg, 2026, 9, 17, 12));
        assert!(keys(&thu.due, Kind::DigestWeekly).is_empty());
        assert_eq!(
            keys(&thu.stale, Kind::DigestWeekly),
            vec![(10, "2026-W38".into(), CURATOR)]
        );
        // the coordinator's monthly digest: 1 October, 09:00 Moscow; none on 30 September
        let p = plan(&s, &rules, local(Moscow, 2026, 10, 1, 9));
        assert_eq!(
            keys(&p.due, Kind::DigestMonthly),
            vec![(0, "2026-10".into(), COORD)]
        );
        assert!(keys(
            &plan(&s, &rules, local(Moscow, 2026, 10, 1, 8)).due,
            Kind::DigestMonthly
        )
        .is_empty());
        assert_eq!(iso_week(d(2027, 1, 1)), "2026-W53");
    }

    #[test]
    fn the_annual_update_of_the_banks() {
        let rules = Rules::default();
        let mut s = snap(Irkutsk);
        s.bank.push(BankRow {
            user_id: MENTOR,
            org_id: 10,
            name: "Петрова".into(),
            confirmed_at: utc(2026, 3, 1, 0, 0),
        });
        s.bank.push(BankRow {
            user_id: MENTEE,
            org_id: 10,
            name: "Иванова".into(),
            confirmed_at: utc(2026, 3, 1, 0, 0),
        });
        assert!(keys(
            &plan(&s, &rules, local(Irkutsk, 2026, 9, 30, 12)).due,
            Kind::BankAsk
        )
        .is_empty());
        let p = plan(&s, &rules, local(Irkutsk, 2026, 10, 1, 8));
        assert_eq!(
            keys(&p.due, Kind::BankAsk),
            vec![
                (MENTOR, "2026".into(), MENTOR),
                (MENTEE, "2026".into(), MENTEE)
            ]
        );
        // the mentee confirmed; after two weeks the curator gets the mentor's name
        s.bank[1].confirmed_at = local(Irkutsk, 2026, 10, 2, 10);
        assert!(keys(
            &plan(&s, &rules, local(Irkutsk, 2026, 10, 14, 12)).due,
            Kind::BankReport
        )
        .is_empty());
        let p = plan(&s, &rules, local(Irkutsk, 2026, 10, 15, 9));
        let report: Vec<_> = p
            .due
            .iter()
            .filter(|r| r.kind == Kind::BankReport)
            .collect();
        assert_eq!(report.len(), 1);
        assert_eq!(report[0].arg("names"), Some(&Arg::Text("Петрова".into())));
        // in January the campaign of the previous October is long over
        assert_eq!(bank_year(&rules, d(2027, 1, 10)), 2026);
        assert!(plan(&s, &rules, local(Irkutsk, 2027, 1, 10, 12))
            .due
            .iter()
            .all(|r| r.kind != Kind::BankAsk));
        // a configured month
        let march = Rules {
            bank_month: 3,
            ..Rules::default()
        };
        assert_eq!(
            keys(
                &plan(&s, &march, local(Irkutsk, 2027, 3, 1, 9)).due,
                Kind::BankAsk
            )
            .len(),
            2
        );
    }

    #[test]
    fn calendar_windows_open_and_close_with_leap_years_and_year_ends() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        s.coordinators.push(COORD);
        s.mentors.push((MENTOR, 10));
        let feb = Window::parse("01.02-29.02").unwrap();
        assert_eq!(feb.dates(2027), (d(2027, 2, 1), d(2027, 2, 28)));
        assert_eq!(feb.dates(2028), (d(2028, 2, 1), d(2028, 2, 29)));
        let winter = Window::parse("01.12–15.01").unwrap();
        assert_eq!(winter.dates(2026), (d(2026, 12, 1), d(2027, 1, 15)));
        assert_eq!(Window::parse("31.13-01.01"), None);
        s.calendar.push(CalendarEvent {
            id: 1,
            code: None,
            title: "Обучение".into(),
            audience: Audience::parse("curators, наставники").unwrap(),
            window: feb,
        });
        s.calendar.push(CalendarEvent {
            id: 2,
            code: None,
            title: "Зима".into(),
            audience: Audience::parse("координатор").unwrap(),
            window: winter,
        });
        let p = plan(&s, &rules, local(Moscow, 2027, 2, 1, 9));
        assert_eq!(
            keys(&p.due, Kind::CalendarOpen),
            vec![(1, "2027".into(), CURATOR), (1, "2027".into(), MENTOR)]
        );
        let p = plan(&s, &rules, local(Moscow, 2027, 2, 21, 9));
        assert_eq!(
            keys(&p.due, Kind::CalendarClosing).len(),
            2,
            "a week before 28 February"
        );
        assert!(keys(&p.due, Kind::CalendarOpen).is_empty());
        assert!(plan(&s, &rules, local(Moscow, 2027, 3, 1, 9))
            .due
            .iter()
            .all(|r| r.subject != 1));
        // the winter window opened in 2026 is still the 2026 occurrence in January 2027
        let p = plan(&s, &rules, local(Moscow, 2027, 1, 9, 9));
        assert_eq!(
            keys(&p.due, Kind::CalendarClosing),
            vec![(2, "2026".into(), COORD)]
        );
        assert_eq!(
            Audience::parse("кураторы,наставники").unwrap().codes(),
            "curators,mentors"
        );
        assert_eq!(Audience::parse("директора"), None);
    }

    #[test]
    fn stages_on_entry_and_weekly() {
        let rules = Rules::default();
        let mut s = snap(Yekaterinburg);
        s.orgs[0].stage = 2;
        s.orgs[0].stage_since = local(Yekaterinburg, 2026, 9, 2, 11);
        s.orgs[0].stage_todo = vec![Todo::new(
            TodoKind::MenteeWithoutRequest,
            "Иванова",
            d(2026, 9, 2),
        )];
        let p = plan(&s, &rules, local(Yekaterinburg, 2026, 9, 2, 11));
        assert_eq!(
            keys(&p.due, Kind::StageEnter),
            vec![(10, "2:2026-09-02".into(), CURATOR)]
        );
        assert!(keys(&p.due, Kind::StageWeekly).is_empty());
        // the first week: the note comes whatever is on the list
        let p = plan(&s, &rules, local(Yekaterinburg, 2026, 9, 9, 9));
        assert_eq!(
            keys(&p.due, Kind::StageWeekly),
            vec![(10, "2:2026-09-02:w1".into(), CURATOR)]
        );
        assert_eq!(
            p.due
                .iter()
                .find(|r| r.kind == Kind::StageWeekly)
                .unwrap()
                .arg("count"),
            Some(&Arg::Num(1))
        );
        // the mentee has had 14 days for a request: overdue, so the weekly note goes on
        let p = plan(&s, &rules, local(Yekaterinburg, 2026, 9, 16, 9));
        assert_eq!(
            keys(&p.due, Kind::StageWeekly),
            vec![(10, "2:2026-09-02:w2".into(), CURATOR)]
        );
        assert_eq!(
            p.due
                .iter()
                .find(|r| r.kind == Kind::StageWeekly)
                .unwrap()
                .arg("overdue"),
            Some(&Arg::Num(1))
        );
        // nothing left (or nothing overdue): the «всё ещё на этапе» note stops after the first
        s.orgs[0].stage_todo.clear();
        assert!(keys(
            &plan(&s, &rules, local(Yekaterinburg, 2026, 9, 16, 9)).due,
            Kind::StageWeekly
        )
        .is_empty());
        s.orgs[0].stage_todo = vec![Todo::new(
            TodoKind::MenteeWithoutRequest,
            "Иванова",
            d(2026, 9, 10),
        )];
        assert!(
            keys(
                &plan(&s, &rules, local(Yekaterinburg, 2026, 9, 16, 9)).due,
                Kind::StageWeekly
            )
            .is_empty(),
            "6 days: not overdue"
        );
        // an item of another stage's checklist does not count
        s.orgs[0].stage_todo = vec![Todo::new(TodoKind::PairSilent, "№4", d(2026, 9, 1))];
        assert!(keys(
            &plan(&s, &rules, local(Yekaterinburg, 2026, 9, 16, 9)).due,
            Kind::StageWeekly
        )
        .is_empty());
    }

    #[test]
    fn exit_surveys_of_ended_pairs_and_one_reminder_after_three_days() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        let ended = local(Moscow, 2026, 11, 10, 15);
        s.exit_surveys.push(ExitSurveyRow {
            pair_id: 5,
            org_id: 10,
            user_id: MENTEE,
            ended_at: ended,
        });
        s.exit_surveys.push(ExitSurveyRow {
            pair_id: 5,
            org_id: 10,
            user_id: MENTOR,
            ended_at: ended,
        });
        assert_eq!(
            keys(&plan(&s, &rules, ended).due, Kind::SurveyExit),
            vec![(5, "-".into(), MENTEE), (5, "-".into(), MENTOR)]
        );
        // quiet hours hold it till the morning; a muted «survey» topic does not stop it
        assert_eq!(
            keys(
                &plan(&s, &rules, local(Moscow, 2026, 11, 10, 23)).deferred,
                Kind::SurveyExit
            )
            .len(),
            2
        );
        s.mutes.insert((MENTEE, "survey".into()));
        assert_eq!(
            keys(
                &plan(&s, &rules, local(Moscow, 2026, 11, 11, 9)).due,
                Kind::SurveyExit
            )
            .len(),
            2
        );
        // 60 days on, it is no longer sent (logged once as dropped)
        let late = plan(&s, &rules, ended + Duration::days(61));
        assert!(keys(&late.due, Kind::SurveyExit).is_empty());
        assert_eq!(keys(&late.stale, Kind::SurveyExit).len(), 2);

        // a survey unanswered for 3 days: one reminder, keyed by the questionnaire
        let sent = local(Moscow, 2026, 11, 10, 15);
        s.open_surveys.push(OpenSurveyRow {
            response_id: 77,
            survey: "mentor_exit".into(),
            pair_id: 5,
            org_id: 10,
            user_id: MENTOR,
            started_at: sent,
        });
        s.open_surveys.push(OpenSurveyRow {
            response_id: 78,
            survey: "mentee_exit".into(),
            pair_id: 5,
            org_id: 10,
            user_id: MENTEE,
            started_at: sent,
        });
        assert!(keys(
            &plan(&s, &rules, sent + Duration::days(3) - Duration::minutes(1)).due,
            Kind::SurveyRemind
        )
        .is_empty());
        let p = plan(&s, &rules, sent + Duration::days(3));
        assert_eq!(
            keys(&p.due, Kind::SurveyRemind),
            vec![(77, "-".into(), MENTOR)],
            "the mentee switched survey reminders off"
        );
        assert_eq!(
            p.due
                .iter()
                .find(|r| r.kind == Kind::SurveyRemind)
                .unwrap()
                .arg("days"),
            Some(&Arg::Num(3))
        );
        // the same key a day later: the runner records it once, so it comes once
        assert_eq!(
            keys(
                &plan(&s, &rules, sent + Duration::days(4)).due,
                Kind::SurveyRemind
            ),
            vec![(77, "-".into(), MENTOR)]
        );
        assert_eq!(
            keys(
                &plan(&s, &rules, local(Moscow, 2026, 11, 13, 22)).deferred,
                Kind::SurveyRemind
            )
            .len(),
            1,
            "quiet hours"
        );
    }

    #[test]
    fn pending_petitions_after_three_days() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        let created = local(Moscow, 2026, 9, 10, 12);
        s.petitions.push(PendingRow {
            id: 3,
            org_id: 10,
            addressee: None,
            link: 0,
            name: "Иванова".into(),
            other_name: String::new(),
            created_at: created,
        });
        s.resignations.push(PendingRow {
            id: 4,
            org_id: 10,
            addressee: None,
            link: 0,
            name: "Петрова".into(),
            other_name: String::new(),
            created_at: created,
        });
        assert!(plan(
            &s,
            &rules,
            created + Duration::days(3) - Duration::minutes(1)
        )
        .due
        .is_empty());
        let p = plan(&s, &rules, created + Duration::days(3));
        assert_eq!(
            keys(&p.due, Kind::PetitionPending),
            vec![(3, "-".into(), CURATOR)]
        );
        assert_eq!(
            keys(&p.due, Kind::ResignationPending),
            vec![(4, "-".into(), CURATOR)]
        );
    }

    #[test]
    fn a_request_without_a_mentor_reaches_the_coordinator_after_14_days() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        s.coordinators.push(COORD);
        let created = local(Moscow, 2026, 9, 10, 12);
        s.unmatched.push(PendingRow {
            id: 5,
            org_id: 10,
            addressee: None,
            link: 5,
            name: "МБОУ СОШ № 3".into(),
            other_name: String::new(),
            created_at: created,
        });
        assert!(keys(
            &plan(
                &s,
                &rules,
                created + Duration::days(14) - Duration::minutes(1)
            )
            .due,
            Kind::RequestUnmatched
        )
        .is_empty());
        let p = plan(&s, &rules, created + Duration::days(14));
        assert_eq!(
            keys(&p.due, Kind::RequestUnmatched),
            vec![(5, "-".into(), COORD)],
            "the coordinator only, not the curator"
        );
        let r = p
            .due
            .iter()
            .find(|r| r.kind == Kind::RequestUnmatched)
            .unwrap();
        assert_eq!(
            (r.arg("org"), r.arg("days")),
            (Some(&Arg::Text("МБОУ СОШ № 3".into())), Some(&Arg::Num(14)))
        );
        let shorter = Rules {
            unmatched_days: 7,
            ..Rules::default()
        };
        assert_eq!(
            keys(
                &plan(&s, &shorter, created + Duration::days(7)).due,
                Kind::RequestUnmatched
            )
            .len(),
            1,
            "configurable"
        );
    }

    #[test]
    fn kinds_round_trip_and_only_some_can_be_muted() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(*k));
            if let Some(t) = k.topic() {
                assert!(TOPICS.contains(&t));
            }
        }
        assert_eq!(Kind::ProposalEscalate.topic(), None);
        assert_eq!(Kind::BankAsk.topic(), None);
    }

    #[test]
    fn an_unanswered_sos_nudges_the_mentor_twice_then_the_curator() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        s.pairs.push(pair(d(2026, 9, 1), d(2027, 5, 31), None));
        // Tuesday 10:00 in Moscow
        let asked = local(Moscow, 2026, 9, 8, 10);
        s.open_sos.push(OpenSosRow {
            id: 77,
            pair_id: 5,
            mentee_name: "Иванова М. П.".into(),
            question: "Как быть?".into(),
            asked_at: asked,
        });
        let at = |t: DateTime<Utc>| plan(&s, &rules, t);
        let who = |p: &Plan, k: Kind| {
            keys(&p.due, k)
                .into_iter()
                .map(|(_, _, r)| r)
                .collect::<Vec<_>>()
        };
        // 4 working hours: nothing at 13:55, the mentor at 14:00
        assert!(at(asked + Duration::minutes(235))
            .due
            .iter()
            .all(|r| r.subject != 77));
        let p = at(asked + Duration::hours(4));
        assert_eq!(who(&p, Kind::SosRemind), vec![MENTOR]);
        assert_eq!(
            p.due
                .iter()
                .find(|r| r.kind == Kind::SosRemind)
                .unwrap()
                .arg("waited"),
            Some(&Arg::Num(240))
        );
        // the next morning waits through the night (deferred at 23:00) and comes at 08:00
        assert!(who(&at(local(Moscow, 2026, 9, 8, 23)), Kind::SosMorning).is_empty());
        assert_eq!(
            who(&at(local(Moscow, 2026, 9, 9, 8)), Kind::SosMorning),
            vec![MENTOR]
        );
        assert!(who(&at(local(Moscow, 2026, 9, 9, 8)), Kind::SosEscalate).is_empty());
        // two days: the curator, held till morning in quiet hours
        let p = at(asked + Duration::days(2));
        assert_eq!(who(&p, Kind::SosEscalate), vec![CURATOR]);
        let night = at(local(Moscow, 2026, 9, 10, 22));
        assert_eq!(keys(&night.deferred, Kind::SosEscalate).len(), 1);
        // answered: gone from the snapshot, so nothing more
        s.open_sos.clear();
        assert!(plan(&s, &rules, asked + Duration::days(2))
            .due
            .iter()
            .all(|r| r.subject != 77));
    }

    #[test]
    fn a_task_handed_in_and_unchecked_for_three_days_reminds_the_mentor_once_per_hand_in() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        s.pairs.push(pair(d(2026, 9, 1), d(2027, 5, 31), None));
        let handed = local(Moscow, 2026, 9, 8, 10);
        s.submitted.push(SubmittedRow {
            id: 9,
            pair_id: 5,
            title: "Карта урока".into(),
            submitted_at: handed,
        });
        let keys_at = |t: DateTime<Utc>| keys(&plan(&s, &rules, t).due, Kind::PlanUnchecked);
        assert!(keys_at(handed + Duration::days(3) - Duration::minutes(1)).is_empty());
        assert_eq!(
            keys_at(handed + Duration::days(3)),
            vec![(9, handed.to_rfc3339(), MENTOR)]
        );
    }

    #[test]
    fn a_fortnightly_pair_is_not_nudged_on_its_meeting_day_and_holidays_pause_it() {
        let rules = Rules::default();
        let mut s = snap(Moscow);
        let mut p = pair(d(2026, 9, 1), d(2027, 5, 31), Some(d(2026, 10, 13)));
        p.rhythm = Some(14);
        s.pairs.push(p);
        let silent =
            |s: &Snapshot, t: DateTime<Utc>| keys(&plan(s, &rules, t).due, Kind::SilentMentor);
        // 27.10 is its next meeting day (14 days): no nudge; 30.10 (17 days): the nudge
        assert!(silent(&s, local(Moscow, 2026, 10, 27, 10)).is_empty());
        assert_eq!(silent(&s, local(Moscow, 2026, 10, 30, 10)).len(), 1);
        // autumn holidays 26.10–03.11 in the calendar: nothing during them, and their days do not count
        s.calendar.push(CalendarEvent {
            id: 1,
            code: None,
            title: "Осенние каникулы".into(),
            audience: Audience::default(),
            window: Window::parse("26.10-03.11").unwrap(),
        });
        assert!(silent(&s, local(Moscow, 2026, 10, 30, 10)).is_empty());
        assert!(
            silent(&s, local(Moscow, 2026, 11, 5, 10)).is_empty(),
            "23 days, 9 of them holidays"
        );
        assert_eq!(silent(&s, local(Moscow, 2026, 11, 9, 10)).len(), 1);
    }
}
