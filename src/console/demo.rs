//! The demo district of a fresh console: one school, a curator, two mentors and a mentee,
//! registered through the same repository functions the bot's onboarding uses (consent,
//! profile, roles, the banks of mentors and mentees).

use crate::domain::{Area, Form, MenteeCategory, OrgKind, Role};
use crate::repo::profiles::{self, MentorProfile};
use crate::repo::users::{self, BasicField};
use crate::repo::{orgs, Pool};
use chrono::{DateTime, Utc};

/// The demo school.
pub const SCHOOL: &str = "МБОУ СОШ № 1";

/// A person of the demo district.
pub struct DemoPerson {
    pub telegram_id: i64,
    pub first_name: &'static str,
    pub full_name: &'static str,
    position: &'static str,
    subjects: &'static str,
    experience: u32,
    role: Role,
    mentee: Option<(MenteeCategory, &'static [Area])>,
    mentor: Option<(&'static [Area], &'static [Form], u32)>,
}

/// Curator first, then the mentors, the mentee and the coordinator (the order of `:who`).
pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        telegram_id: 101,
        first_name: "Елена",
        full_name: "Соколова Елена Викторовна",
        position: "заместитель директора по УВР",
        subjects: "методическая работа",
        experience: 18,
        role: Role::Curator,
        mentee: None,
        mentor: None,
    },
    DemoPerson {
        telegram_id: 201,
        first_name: "Анна",
        full_name: "Петрова Анна Сергеевна",
        position: "учитель высшей категории",
        subjects: "математика, физика",
        experience: 25,
        role: Role::Mentor,
        mentee: None,
        mentor: Some((
            &[Area::Subject, Area::Methods, Area::Parents],
            &[Form::Traditional, Form::Situational],
            2,
        )),
    },
    DemoPerson {
        telegram_id: 202,
        first_name: "Борис",
        full_name: "Борисов Борис Борисович",
        position: "учитель информатики",
        subjects: "информатика",
        experience: 12,
        role: Role::Mentor,
        mentee: None,
        mentor: Some((
            &[Area::Ict, Area::Organization],
            &[Form::Traditional, Form::Virtual],
            1,
        )),
    },
    DemoPerson {
        telegram_id: 301,
        first_name: "Мария",
        full_name: "Иванова Мария Петровна",
        position: "учитель математики",
        subjects: "математика",
        experience: 1,
        role: Role::Mentee,
        mentee: Some((
            MenteeCategory::YoungTeacher,
            &[Area::Methods, Area::Parents],
        )),
        mentor: None,
    },
    // the district's coordinator: no school of her own (links group chats, announces)
    DemoPerson {
        telegram_id: 401,
        first_name: "Ирина",
        full_name: "Орлова Ирина Николаевна",
        position: "методист управления образования",
        subjects: "методическая работа",
        experience: 20,
        role: Role::Coordinator,
        mentee: None,
        mentor: None,
    },
];

/// Creates the demo school and registers its people; returns the school's id.
pub async fn seed(pool: &Pool, tz: &str, now: DateTime<Utc>) -> sqlx::Result<i64> {
    let org = orgs::create(pool, SCHOOL, OrgKind::School, tz, now).await?;
    for p in PEOPLE {
        let user = users::ensure(pool, p.telegram_id, now).await?;
        users::give_consent(pool, user.id, now).await?;
        users::update_basic(pool, user.id, BasicField::FullName, p.full_name, now).await?;
        users::update_basic(pool, user.id, BasicField::Position, p.position, now).await?;
        users::update_basic(pool, user.id, BasicField::Subjects, p.subjects, now).await?;
        users::set_experience(pool, user.id, p.experience, now).await?;
        let scope = p.role.is_org_scoped().then_some(org);
        if let Some(org) = scope {
            users::set_org(pool, user.id, org, now).await?;
        }
        users::grant_role(pool, user.id, p.role, scope, now).await?;
        if let Some((category, areas)) = p.mentee {
            profiles::save_mentee(pool, user.id, category, areas, now).await?;
        }
        if let Some((competences, forms, capacity)) = p.mentor {
            let profile = MentorProfile {
                competences: competences.to_vec(),
                forms: forms.to_vec(),
                capacity,
                consent_at: now,
                status: "active".into(),
                other_orgs: false,
                listed_publicly: false,
                confirmed_at: now,
                approved_at: Some(now),
            };
            profiles::save_mentor(pool, user.id, &profile, now).await?;
        }
        users::mark_registered(pool, user.id, "ru", now).await?;
    }
    Ok(org)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::{pool, t0};

    #[tokio::test]
    async fn the_demo_people_are_fully_registered() {
        let pool = pool().await;
        let org = seed(&pool, "Europe/Moscow", t0()).await.unwrap();
        for p in PEOPLE {
            let u = users::by_telegram(&pool, p.telegram_id)
                .await
                .unwrap()
                .unwrap();
            assert!(u.has_consent() && u.is_registered(), "{}", p.full_name);
            let org = p.role.is_org_scoped().then_some(org);
            assert_eq!((u.org_id, u.full_name.as_deref()), (org, Some(p.full_name)));
            assert_eq!(users::roles(&pool, u.id).await.unwrap()[0].role, p.role);
            assert_eq!(
                profiles::mentor(&pool, u.id).await.unwrap().is_some(),
                p.role == Role::Mentor
            );
            assert_eq!(
                profiles::mentee(&pool, u.id).await.unwrap().is_some(),
                p.role == Role::Mentee
            );
        }
    }
}
