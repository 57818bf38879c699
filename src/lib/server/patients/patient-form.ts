/**
 * The registration and edit forms as the service's input. Empty fields mean "not given" on
 * registration; on an edit, a field present in the form but emptied clears it.
 */
export function patientInputFromForm(form: Record<string, string>, mode: 'create' | 'update'): Record<string, unknown> {
	const text = (name: string) => {
		if (!(name in form)) return undefined;
		const v = form[name]!.trim();
		return v ? v : mode === 'create' ? undefined : null;
	};
	const lines = (name: string) => {
		if (!(name in form)) return undefined;
		return form[name]!.split('\n').map((l) => l.trim()).filter(Boolean);
	};
	const input: Record<string, unknown> = {
		fullName: text('fullName') ?? (mode === 'create' ? '' : undefined),
		preferredName: text('preferredName'),
		sex: text('sex') ?? undefined,
		phone: text('phone'),
		email: text('email'),
		address: text('address'),
		occupation: text('occupation'),
		referralSource: text('referralSource'),
		preferredLanguage: text('preferredLanguage'),
		skinConcerns: lines('skinConcerns'),
		medications: lines('medications'),
		conditions: lines('conditions'),
		previousProcedures: lines('previousProcedures')
	};
	if (form.ageMode === 'age') {
		const age = text('estimatedAge');
		if (age) input.estimatedAge = /^\d+$/.test(age) ? Number(age) : age;
	} else if ('dateOfBirth' in form) input.dateOfBirth = text('dateOfBirth');
	if ('fitzpatrickType' in form) input.fitzpatrickType = form.fitzpatrickType ? Number(form.fitzpatrickType) : mode === 'create' ? undefined : null;
	if ('contactName' in form) {
		const name = text('contactName');
		const phone = text('contactPhone');
		input.emergencyContact = name || phone ? { name: name ?? '', phone: phone ?? '', ...(text('contactRelation') ? { relation: text('contactRelation') } : {}) } : mode === 'create' ? undefined : null;
	}
	if ('governmentIdType' in form) {
		const number = text('governmentIdNumber');
		input.governmentId = number ? { type: form.governmentIdType, number } : mode === 'create' ? undefined : null;
	}
	if ('allergies' in form && form.allergies) {
		try {
			input.allergies = JSON.parse(form.allergies);
		} catch {
			input.allergies = form.allergies;
		}
	}
	if ('consentsShown' in form) {
		input.consents = Object.fromEntries(['photography', 'marketing', 'sms', 'email', 'whatsapp'].map((c) => [c, form[`consent_${c}`] === 'on']));
	}
	if (form.version) input.version = Number(form.version);
	for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
	return input;
}
