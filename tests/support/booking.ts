import type { TestServer } from './server.ts';
import { api, login, type Session } from './clients.ts';

export interface DemoService {
	id: string;
	practitionerIds: string[];
}

/**
 * Reception at the demo's Indiranagar branch with what booking tests book: the dermatology
 * consultation, the underarm laser (which needs a laser device) and twenty demo patients.
 */
export async function bookingDesk(server: TestServer): Promise<{ reception: Session; ind: string; consultation: DemoService; laser: DemoService; patientIds: string[] }> {
	const reception = await login(server, 'reception@demo.skinspire.app');
	const ind = reception.branch('IND').id;
	const services = (await (await api(server, reception)(`/api/v1/branches/${ind}/services`)).json()).items as (DemoService & { name: string })[];
	const named = (name: string) => {
		const service = services.find((s) => s.name === name);
		if (!service) throw new Error(`the demo has no service named ${name}`);
		return service;
	};
	const patientIds = (await (await api(server, reception)('/api/v1/patients?pageSize=20')).json()).items.map((p: { id: string }) => p.id);
	return { reception, ind, consultation: named('Dermatology consultation'), laser: named('Laser hair removal (underarms)'), patientIds };
}
