# meetings
