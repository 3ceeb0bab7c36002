//! `/documents` buttons (`dc`): which document, then for which pair, organization or period.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::documents::{Kind, PERIODS};
use crate::domain::Role;

/// Who may ask for a kind of document at all: the roles, any of them (`None`: anybody
/// registered — their own consents).
pub fn kind_roles(kind: Kind) -> Option<&'static [Role]> {
    match kind {
        Kind::Programme => Some(&[Role::Curator, Role::Head, Role::Mentor, Role::Mentee]),
        Kind::OrderDraft => Some(&[Role::Curator, Role::Head]),
        Kind::Adaptation | Kind::Final => Some(&[Role::Curator, Role::Head, Role::Mentor]),
        Kind::Spravka | Kind::Mentors | Kind::Mentees => {
            Some(&[Role::Curator, Role::Head, Role::Coordinator])
        }
        Kind::Consent => None,
    }
}

/// Documents of a pair (a mentee has the programme only).
fn pair_parties(kind: Kind) -> &'static [Party] {
    match kind {
        Kind::Programme => &[Party::Mentor, Party::Mentee, Party::Curator, Party::Head],
        _ => &[Party::Mentor, Party::Curator, Party::Head],
    }
}

fn is_pair_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Programme | Kind::Adaptation | Kind::Final)
}

fn is_org_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::OrderDraft | Kind::Spravka | Kind::Mentors | Kind::Mentees
    )
}

/// The organization's staff (curators, head) or, for the district (`None`), the coordinator.
fn org_need(org: Option<i64>) -> Need {
    match org {
        Some(o) => Need::Org(o, &[Party::Curator, Party::Head]),
        None => Need::Role(&[Role::Coordinator]),
    }
}

/// `dc:…`; an organization `0` is the district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum DocumentsAction {
    /// `dc:k:<kind>` — which document.
    Kind(Kind),
    /// `dc:p:<kind>:<pair>` — a pair's programme, adaptation or final report.
    Pair(Kind, i64),
    /// `dc:o:<kind>:<org|0>` — an organization's (or the district's) order draft or bank.
    Org(Kind, Option<i64>),
    /// `dc:s:<org|0>:<period>` — the analytical note of a school or the district for a period.
    Spravka(Option<i64>, &'static str),
}

fn push_org(out: &mut Fields, org: Option<i64>) -> &mut Fields {
    out.push(org.unwrap_or(0))
}

fn read_org(f: &mut Reader<'_>) -> Option<Option<i64>> {
    f.int().map(|o| (o != 0).then_some(o))
}

impl Feature for DocumentsAction {
    const PREFIX: &'static str = "dc";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            DocumentsAction::Kind(k) => out.push("k").push(k.code()),
            DocumentsAction::Pair(k, id) => out.push("p").push(k.code()).push(id),
            DocumentsAction::Org(k, org) => push_org(out.push("o").push(k.code()), *org),
            DocumentsAction::Spravka(org, period) => push_org(out.push("s"), *org).push(period),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "k" => DocumentsAction::Kind(Kind::from_code(f.word()?)?),
            "p" => DocumentsAction::Pair(
                Kind::from_code(f.word()?).filter(|k| is_pair_kind(*k))?,
                f.int()?,
            ),
            "o" => DocumentsAction::Org(
                Kind::from_code(f.word()?).filter(|k| is_org_kind(*k))?,
                read_org(f)?,
            ),
            "s" => {
                let org = read_org(f)?;
                let code = f.word()?;
                DocumentsAction::Spravka(org, PERIODS.iter().find(|p| **p == code)?)
            }
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match self {
            DocumentsAction::Kind(k) => kind_roles(*k).map_or(Need::Registered, Need::Role),
            DocumentsAction::Pair(k, id) => Need::Pair(*id, pair_parties(*k)),
            // the order draft of the district is no document (orders are the schools')
            DocumentsAction::Org(Kind::OrderDraft, None) => Need::Role(&[]),
            DocumentsAction::Org(_, org) | DocumentsAction::Spravka(org, _) => org_need(*org),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            DocumentsAction::Kind(_) => "documents.kind",
            DocumentsAction::Pair(..) => "documents.pair",
            DocumentsAction::Org(..) => "documents.org",
            DocumentsAction::Spravka(..) => "documents.spravka",
        }
    }

    /// One example per variant (the authorization table's line); [`tests`] checks the needs of
    /// the other kinds and of the district.
    fn examples(ids: &Ids) -> Vec<Self> {
        let org = Some(ids.org).filter(|o| *o != 0);
        vec![
            DocumentsAction::Kind(Kind::Spravka),
            DocumentsAction::Pair(Kind::Programme, ids.pair),
            DocumentsAction::Org(Kind::Mentors, org),
            DocumentsAction::Spravka(org, PERIODS[0]),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::action::Action;

    #[test]
    fn needs_by_kind() {
        use DocumentsAction as D;
        assert_eq!(D::Kind(Kind::Consent).need(), Need::Registered);
        assert_eq!(
            D::Kind(Kind::OrderDraft).need(),
            Need::Role(&[Role::Curator, Role::Head])
        );
        assert_eq!(
            D::Kind(Kind::Final).need(),
            Need::Role(&[Role::Curator, Role::Head, Role::Mentor])
        );
        assert_eq!(
            D::Pair(Kind::Final, 1).need(),
            Need::Pair(1, &[Party::Mentor, Party::Curator, Party::Head])
        );
        assert_eq!(
            D::Org(Kind::Mentees, None).need(),
            Need::Role(&[Role::Coordinator])
        );
        assert_eq!(D::Org(Kind::OrderDraft, None).need(), Need::Role(&[]));
        assert_eq!(
            D::Spravka(None, "y").need(),
            Need::Role(&[Role::Coordinator])
        );
        assert_eq!(
            D::Spravka(Some(4), "y").need(),
            Need::Org(4, &[Party::Curator, Party::Head])
        );
    }

    #[test]
    fn encodings_stay_as_they_were() {
        for (a, data) in [
            (DocumentsAction::Kind(Kind::OrderDraft), "dc:k:order"),
            (DocumentsAction::Pair(Kind::Final, 1), "dc:p:final:1"),
            (DocumentsAction::Org(Kind::Mentors, None), "dc:o:mentors:0"),
            (DocumentsAction::Spravka(Some(3), "m0"), "dc:s:3:m0"),
        ] {
            assert_eq!(Action::from(a).encode(), data);
            assert_eq!(Action::parse(data), Some(Action::from(a)));
        }
        for bad in [
            "dc:p:order:1",
            "dc:o:programme:1",
            "dc:s:1:m7",
            "dc:k:nothing",
        ] {
            assert_eq!(Action::parse(bad), None, "{bad}");
        }
    }
}
