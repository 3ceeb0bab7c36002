# Names of the closed vocabularies (domain::catalog).

role-mentee = наставляемый
role-mentor = наставник
role-curator = куратор
role-head = руководитель ОО
role-coordinator = муниципальный координатор
role-admin = администратор

org-kind-school = школа
org-kind-kindergarten = детский сад
org-kind-additional = организация дополнительного образования
org-kind-college = колледж

category-young = Молодой педагог (первые 3 года работы)
category-returning = Возвращаюсь после длительного перерыва
category-newcomer = Новый сотрудник в коллективе
category-growth = Хочу развиваться в определённой области
category-ict = Хочу освоить ИКТ и цифровые инструменты
category-burnout = Профессиональное или эмоциональное выгорание
category-nonped = Непедагогическое образование
category-trainee = Студент или стажёр по договору
category-other = Другая трудность

area-subject = Предметное содержание
area-methods = Методика обучения и преподавания
area-upbringing = Воспитательная деятельность
area-organization = Урочная и внеурочная деятельность
area-psychology = Психолого-педагогическое сопровождение
area-parents = Работа с родителями
area-addedu = Связь с дополнительным образованием
area-legal = Нормативно-правовые вопросы
area-ict = ИКТ и цифровизация
area-health = Здоровьесбережение
area-adaptation = Адаптация в коллективе

form-traditional = Традиционная (один на один)
form-group = Групповая
form-shortterm = Краткосрочная, по графику встреч
form-situational = Ситуационная (помощь по запросу)
form-flash = Скоростная (одна встреча)
form-reverse = Реверсивная
form-virtual = Виртуальная (дистанционно)
