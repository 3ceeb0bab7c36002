# plan-edit
