import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import type { SystemRoleKey } from '../../shared/access/permissions.ts';

export const DEMO_PASSWORD = 'skinspire-demo';
export const DEMO_HOSPITAL_NAME = 'SkinSpire Clinics';

const weekdays: OpeningHours = {
	'1': { opens: '09:00', closes: '20:00' },
	'2': { opens: '09:00', closes: '20:00' },
	'3': { opens: '09:00', closes: '20:00' },
	'4': { opens: '09:00', closes: '20:00' },
	'5': { opens: '09:00', closes: '20:00' },
	'6': { opens: '10:00', closes: '18:00' }
};

export const DEMO_BRANCHES = [
	{
		code: 'IND',
		name: 'Indiranagar',
		timeZone: 'Asia/Kolkata',
		address: '100 Feet Road, Indiranagar, Bengaluru 560038',
		phone: '+918041234567',
		taxRegistrationNumber: '29ABCDE1234F1Z5',
		openingHours: weekdays
	},
	{
		code: 'KOR',
		name: 'Koramangala',
		timeZone: 'Asia/Kolkata',
		address: '80 Feet Road, Koramangala 4th Block, Bengaluru 560034',
		phone: '+918047654321',
		taxRegistrationNumber: '29ABCDE1234F2Z4',
		openingHours: weekdays
	}
] as const;

export const DEMO_USERS: { email: string; name: string; role: SystemRoleKey; branches: ('IND' | 'KOR')[] }[] = [
	{ email: 'admin@demo.skinspire.app', name: 'Asha Menon', role: 'admin', branches: ['IND', 'KOR'] },
	{ email: 'manager@demo.skinspire.app', name: 'Vikram Shetty', role: 'manager', branches: ['IND'] },
	{ email: 'reception@demo.skinspire.app', name: 'Priya Nair', role: 'reception', branches: ['IND'] },
	{ email: 'doctor@demo.skinspire.app', name: 'Dr Kavya Rao', role: 'doctor', branches: ['IND'] },
	{ email: 'therapist@demo.skinspire.app', name: "Anita D'Souza", role: 'nurse', branches: ['IND'] },
	{ email: 'pharmacist@demo.skinspire.app', name: 'Imran Khan', role: 'pharmacist', branches: ['IND'] },
	{ email: 'accountant@demo.skinspire.app', name: 'Meera Iyer', role: 'accountant', branches: ['IND'] },
	{ email: 'reception2@demo.skinspire.app', name: 'Rahul Gowda', role: 'reception', branches: ['KOR'] }
];
