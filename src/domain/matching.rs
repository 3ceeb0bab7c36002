//! Matching a request to mentors: a pure, ranked list of suggestions with reasons.
//! "База наставляемых с перечнем запросов" ↔ "база наставников с перечнем компетенций".

use super::{Area, Form};

/// A mentor as seen by matching.
#[derive(Debug, Clone, PartialEq)]
pub struct MentorCandidate {
    pub user_id: i64,
    pub org_id: Option<i64>,
    pub competences: Vec<Area>,
    pub forms: Vec<Form>,
    pub capacity: u32,
    /// Mentees in active pairs now.
    pub load: u32,
    /// Only `active` mentors are matched (not paused or resigned).
    pub active: bool,
    /// Agreed to work with other organizations (virtually).
    pub other_orgs: bool,
}

/// What is being matched.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRequest {
    pub mentee_id: i64,
    pub org_id: Option<i64>,
    pub areas: Vec<Area>,
    pub form: Option<Form>,
    /// The mentor the mentee wished for, if any.
    pub wished: Option<i64>,
    /// Never suggested: e.g. the mentor being replaced, mentors who declined this request.
    pub excluded: Vec<i64>,
}

/// One ranked suggestion with the facts that explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub user_id: i64,
    /// Requested areas the mentor covers.
    pub overlap: usize,
    pub requested: usize,
    pub free: u32,
    pub same_org: bool,
    pub wished: bool,
    pub form_fits: bool,
}

/// Ranks mentors for a request. Excluded: inactive mentors, mentors at capacity, the
/// explicitly excluded, the mentee themself, and mentors of other organizations who did not
/// agree to work with them. Order: the wished mentor, then the same organization, then more
/// covered areas, a fitting form, more free places; ties by id (stable).
pub fn suggest(req: &MatchRequest, mentors: &[MentorCandidate], limit: usize) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = mentors
        .iter()
        .filter(|m| m.active && m.load < m.capacity)
        .filter(|m| m.user_id != req.mentee_id && !req.excluded.contains(&m.user_id))
        .filter_map(|m| {
            let same_org = m.org_id.is_some() && m.org_id == req.org_id;
            if !same_org && !m.other_orgs {
                return None;
            }
            let overlap = req
                .areas
                .iter()
                .filter(|a| m.competences.contains(a))
                .count();
            let form_fits = match req.form {
                Some(f) => m.forms.contains(&f),
                None => true,
            };
            Some(Suggestion {
                user_id: m.user_id,
                overlap,
                requested: req.areas.len(),
                free: m.capacity - m.load,
                same_org,
                wished: req.wished == Some(m.user_id),
                form_fits,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.wished
            .cmp(&a.wished)
            .then(b.same_org.cmp(&a.same_org))
            .then(b.overlap.cmp(&a.overlap))
            .then(b.form_fits.cmp(&a.form_fits))
            .then(b.free.cmp(&a.free))
            .then(a.user_id.cmp(&b.user_id))
    });
    out.truncate(limit);
    out
}

/// Why a mentor the curator may look at is not among the suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsuggested {
    /// Excluded from this request: declined it, or the mentor being replaced.
    Excluded,
    /// No free places.
    Full,
    /// Paused or resigned.
    Inactive,
}

impl Unsuggested {
    /// Whether a proposal is impossible: an exclusion is the curator's to overrule, but a
    /// mentor without places or not active could not take the mentee.
    pub fn blocks_proposal(self) -> bool {
        matches!(self, Unsuggested::Full | Unsuggested::Inactive)
    }

    pub fn code(self) -> &'static str {
        match self {
            Unsuggested::Excluded => "excluded",
            Unsuggested::Full => "full",
            Unsuggested::Inactive => "inactive",
        }
    }
}

/// A mentor the curator may choose from, with why they are not suggested (`None`: they are).
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub user_id: i64,
    pub same_org: bool,
    pub load: u32,
    pub capacity: u32,
    pub not_suggested: Option<Unsuggested>,
}

impl Choice {
    pub fn may_propose(&self) -> bool {
        self.not_suggested.is_none_or(|u| !u.blocks_proposal())
    }
}

/// Every mentor the curator may look at for a request, so that no request is a dead end: the
/// mentee's organization and the other organizations' mentors who opted in (never other
/// schools' closed profiles, never the mentee themself). Suggested ones first, in `suggest`'s
/// order; then the rest — excluded, full, inactive — by id.
pub fn every_choice(req: &MatchRequest, mentors: &[MentorCandidate]) -> Vec<Choice> {
    let ranked = suggest(req, mentors, usize::MAX);
    let mut out: Vec<Choice> = Vec::new();
    for s in &ranked {
        if let Some(m) = mentors.iter().find(|m| m.user_id == s.user_id) {
            out.push(Choice {
                user_id: m.user_id,
                same_org: s.same_org,
                load: m.load,
                capacity: m.capacity,
                not_suggested: None,
            });
        }
    }
    let mut rest: Vec<Choice> = mentors
        .iter()
        .filter(|m| m.user_id != req.mentee_id && !ranked.iter().any(|s| s.user_id == m.user_id))
        .filter_map(|m| {
            let same_org = m.org_id.is_some() && m.org_id == req.org_id;
            if !same_org && !m.other_orgs {
                return None;
            }
            let why = if !m.active {
                Unsuggested::Inactive
            } else if m.load >= m.capacity {
                Unsuggested::Full
            } else {
                Unsuggested::Excluded
            };
            Some(Choice {
                user_id: m.user_id,
                same_org,
                load: m.load,
                capacity: m.capacity,
                not_suggested: Some(why),
            })
        })
        .collect();
    rest.sort_by_key(|c| (c.not_suggested.map(|u| u as u8), c.user_id));
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_lists_who_is_not_suggested_and_why() {
        let req = MatchRequest {
            excluded: vec![3],
            ..request(&[Area::Methods])
        };
        let mentors = vec![
            mentor(1, 1, &[Area::Methods], 2, 2), // full
            MentorCandidate {
                active: false,
                ..mentor(2, 1, &[Area::Methods], 3, 0)
            }, // paused
            mentor(3, 1, &[Area::Methods], 3, 0), // excluded (declined / replaced)
            mentor(100, 1, &[Area::Methods], 3, 0), // the mentee themself
            mentor(5, 2, &[Area::Methods], 3, 0), // other school, closed
            MentorCandidate {
                other_orgs: true,
                ..mentor(6, 2, &[Area::Methods], 3, 3)
            }, // other school, open, full
            mentor(7, 1, &[Area::Methods], 3, 1), // suggested
        ];
        let all = every_choice(&req, &mentors);
        let seen: Vec<(i64, Option<Unsuggested>)> =
            all.iter().map(|c| (c.user_id, c.not_suggested)).collect();
        assert_eq!(
            seen,
            vec![
                (7, None),
                (3, Some(Unsuggested::Excluded)),
                (1, Some(Unsuggested::Full)),
                (6, Some(Unsuggested::Full)),
                (2, Some(Unsuggested::Inactive))
            ]
        );
        let proposable: Vec<i64> = all
            .iter()
            .filter(|c| c.may_propose())
            .map(|c| c.user_id)
            .collect();
        assert_eq!(
            proposable,
            vec![7, 3],
            "an exclusion can be overruled, a full or paused mentor cannot take the mentee"
        );
        assert!(!all.iter().find(|c| c.user_id == 6).unwrap().same_org);
        // nobody suggestible at all: the curator still sees every mentor of the school
        let req = MatchRequest {
            excluded: vec![3, 7],
            ..request(&[Area::Methods])
        };
        assert!(suggest(&req, &mentors, 5).is_empty());
        assert_eq!(
            every_choice(&req, &mentors)
                .iter()
                .filter(|c| c.may_propose())
                .map(|c| c.user_id)
                .collect::<Vec<_>>(),
            vec![3, 7]
        );
    }

    fn mentor(id: i64, org: i64, comps: &[Area], cap: u32, load: u32) -> MentorCandidate {
        MentorCandidate {
            user_id: id,
            org_id: Some(org),
            competences: comps.to_vec(),
            forms: vec![Form::Traditional],
            capacity: cap,
            load,
            active: true,
            other_orgs: false,
        }
    }

    fn request(areas: &[Area]) -> MatchRequest {
        MatchRequest {
            mentee_id: 100,
            org_id: Some(1),
            areas: areas.to_vec(),
            form: None,
            wished: None,
            excluded: vec![],
        }
    }

    #[test]
    fn ranks_by_organization_then_overlap_then_free_places() {
        let req = request(&[Area::Methods, Area::Parents, Area::Ict, Area::Legal]);
        let mentors = vec![
            mentor(1, 1, &[Area::Methods], 3, 0),
            mentor(2, 1, &[Area::Methods, Area::Parents, Area::Ict], 3, 2),
            mentor(3, 1, &[Area::Methods, Area::Parents, Area::Ict], 3, 0),
            MentorCandidate {
                other_orgs: true,
                ..mentor(
                    4,
                    2,
                    &[Area::Methods, Area::Parents, Area::Ict, Area::Legal],
                    3,
                    0,
                )
            },
        ];
        let s = suggest(&req, &mentors, 10);
        assert_eq!(
            s.iter().map(|s| s.user_id).collect::<Vec<_>>(),
            vec![3, 2, 1, 4]
        );
        assert_eq!(
            (s[0].overlap, s[0].requested, s[0].free, s[0].same_org),
            (3, 4, 3, true)
        );
        assert!(!s[3].same_org);
    }

    #[test]
    fn excludes_full_inactive_replaced_self_and_closed_other_orgs() {
        let req = MatchRequest {
            excluded: vec![3],
            ..request(&[Area::Methods])
        };
        let mentors = vec![
            mentor(1, 1, &[Area::Methods], 2, 2), // at capacity
            MentorCandidate {
                active: false,
                ..mentor(2, 1, &[Area::Methods], 3, 0)
            }, // resigned/paused
            mentor(3, 1, &[Area::Methods], 3, 0), // being replaced
            mentor(100, 1, &[Area::Methods], 3, 0), // the mentee themself
            mentor(5, 2, &[Area::Methods], 3, 0), // other org, not open
            mentor(6, 1, &[], 3, 0),              // eligible, no overlap
        ];
        let s = suggest(&req, &mentors, 10);
        assert_eq!(s.iter().map(|s| s.user_id).collect::<Vec<_>>(), vec![6]);
        assert_eq!(s[0].overlap, 0);
    }

    #[test]
    fn wished_mentor_first_and_form_fit_breaks_ties() {
        let mut req = request(&[Area::Ict]);
        req.form = Some(Form::Virtual);
        let mut m2 = mentor(2, 1, &[Area::Ict], 3, 0);
        m2.forms = vec![Form::Virtual];
        let mentors = vec![
            mentor(1, 1, &[Area::Ict], 3, 0),
            m2,
            mentor(3, 1, &[], 3, 0),
        ];
        assert_eq!(
            suggest(&req, &mentors, 10)
                .iter()
                .map(|s| s.user_id)
                .collect::<Vec<_>>(),
            vec![2, 1, 3]
        );
        req.wished = Some(3);
        let s = suggest(&req, &mentors, 2);
        assert_eq!(s.iter().map(|s| s.user_id).collect::<Vec<_>>(), vec![3, 2]);
        assert!(s[0].wished);
    }
}
