# surveys-auto
