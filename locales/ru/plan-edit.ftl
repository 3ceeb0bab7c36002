# plan-edit

## Changing plan items and tasks: «Перенести срок», «Изменить», «Отменить».

btn-pe-menu = ✏️ Изменить
btn-pe-menu-item = ✏️ Изменить: { $title }
btn-pe-deadline = 📅 Перенести срок
btn-pe-title = ✏️ Изменить название
btn-pe-cancel = 🗑 Отменить пункт
btn-pe-cancel-yes = Да, отменить
btn-pe-approve = ✅ Согласовать
btn-pe-reject = Оставить как было
pe-no-deadline = без срока
pe-menu = «{ $title }» — срок: { $deadline }, { $status }.
    Что изменить? Прежние значения сохранятся в истории.
pe-menu-mentee = «{ $title }» — срок: { $deadline }, { $status }.
    Можно предложить наставнику новый срок или название — изменения вступят в силу, когда он согласует.
pe-ask-deadline = Новый срок для «{ $title }» (сейчас: { $deadline })? Напишите, например, «до пятницы», «через 3 дня», «25.12» — или выберите:
pe-ask-deadline-mentee = Какой срок предложить наставнику для «{ $title }» (сейчас: { $deadline })? Напишите, например, «до пятницы», «через 3 дня», «25.12» — или выберите:
pe-ask-title = Напишите новое название вместо «{ $title }».
pe-ask-cancel = Отменить «{ $title }»? Пункт останется в плане со статусом «отменено», наставляемый получит уведомление.
pe-change = { $field ->
    [deadline] срок { $old } → { $new }
    [title] название «{ $old }» → «{ $new }»
   *[status] пункт отменён
}{ $state ->
    [proposed] {" "}(предложено, ждёт ответа наставника)
    [rejected] {" "}(предложение не принято)
   *[applied] {""}
}
pe-done = Готово: «{ $title }» — { $change }. Наставляемый получил уведомление.
pe-unchanged = Ничего не изменилось: это значение уже записано (или пункт уже выполнен, отменён).
pe-told-mentee = ✏️ Наставник изменил задание «{ $title }»: { $change }.
pe-proposed = Предложение отправлено наставнику: «{ $title }» — { $change }. Когда он ответит, я напишу.
pe-ask-mentor = ✏️ { $name } просит изменить «{ $title }»: { $change }. Согласовать?
pe-approved = Согласовано: «{ $title }» — { $change }. Наставляемый получил уведомление.
pe-rejected = Оставлено как было: «{ $title }». Наставляемый получил уведомление.
pe-approved-mentee = ✅ Наставник согласовал: «{ $title }» — { $change }.
pe-rejected-mentee = Наставник пока оставил «{ $title }» как было (вы предлагали: { $change }). Обсудите это на ближайшей встрече.
pe-history-line = { $when } · { $who } · «{ $title }»: { $change }

## Onboarding: the difficulties in the mentee's own words, besides the checklist.

ob-ask-difficulty-text = Другое — напишите своими словами, с чем сейчас труднее всего (одним сообщением). Если добавить нечего, нажмите «Пропустить».
btn-skip = Пропустить
rq-card-difficulty-note = Трудности своими словами: { $note }
