//! A small district for end-to-end tests: one school with a curator, two mentors and two
//! mentees, registered through the real onboarding; pairs formed through the real flow.

use super::Harness;
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;

pub struct District {
    pub org: i64,
    pub curator: FakeUser,
    pub m1: FakeUser,
    pub m2: FakeUser,
    pub e1: FakeUser,
    pub e2: FakeUser,
}

/// One school: a curator, mentor 1 (2 places), mentor 2 (1 place), two mentees.
pub async fn district(h: &Harness) -> District {
    let org = h.org("МБОУ СОШ № 3").await;
    let curator = FakeUser::new(100, "Куратор");
    h.onboard_curator(
        &curator,
        &h.invite(Role::Curator, Some(org)).await,
        "Соколова Елена Викторовна",
    )
    .await;
    let m1 = FakeUser::new(201, "Анна");
    h.onboard_mentor(
        &m1,
        &h.invite(Role::Mentor, Some(org)).await,
        "Петрова Анна Сергеевна",
        "2",
    )
    .await;
    let m2 = FakeUser::new(202, "Борис");
    h.onboard_mentor(
        &m2,
        &h.invite(Role::Mentor, Some(org)).await,
        "Борисов Борис Борисович",
        "1",
    )
    .await;
    let e1 = FakeUser::new(301, "Мария");
    h.onboard_mentee(
        &e1,
        &h.invite(Role::Mentee, Some(org)).await,
        "Иванова Мария Петровна",
    )
    .await;
    let e2 = FakeUser::new(302, "Дмитрий");
    h.onboard_mentee(
        &e2,
        &h.invite(Role::Mentee, Some(org)).await,
        "Кузнецов Дмитрий Андреевич",
    )
    .await;
    District {
        org,
        curator,
        m1,
        m2,
        e1,
        e2,
    }
}

/// The mentee files a request through /request; the curator receives the card.
pub async fn ask(h: &Harness, d: &District, mentee: &FakeUser) {
    h.say(mentee, "/request", "нужна помощь наставника").await;
    h.tap(mentee, "Готово", "Опишите коротко").await;
    h.say(mentee, "Не получается удерживать дисциплину в 7Б", "форма")
        .await;
    h.tap(mentee, "Традиционная", "Есть ли наставник").await;
    let mark = h.api.mark();
    h.tap(mentee, "Без пожеланий", "отправлен куратору").await;
    h.expect_after(mark, d.curator.id, "Новый запрос").await;
}

/// The curator proposes `mentor` (by a part of the name) on the newest card.
pub async fn propose(h: &Harness, d: &District, mentor: &FakeUser, name: &str) {
    let mark = h.api.mark();
    h.tap(
        &d.curator,
        &format!("Предложить: {name}"),
        "Предложено наставнику",
    )
    .await;
    h.expect_after(mark, mentor.id, "предлагает вам стать наставником")
        .await;
}

pub async fn pair_up(h: &Harness, d: &District, mentee: &FakeUser, mentor: &FakeUser, name: &str) {
    ask(h, d, mentee).await;
    propose(h, d, mentor, name).await;
    let mark = h.api.mark();
    h.tap(mentor, "Принять", "Спасибо").await;
    h.expect_after(mark, mentee.id, "работать с вами").await;
    let mark = h.api.mark();
    h.tap(mentee, "Подтверждаю", "Пара сформирована").await;
    h.expect_after(mark, mentor.id, "Пара сформирована").await;
    h.expect_after(mark, d.curator.id, "сформирована").await;
}
