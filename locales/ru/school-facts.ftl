# school-facts
