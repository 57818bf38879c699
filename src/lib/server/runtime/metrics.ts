import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'skinspire_' });
	return {
		registry,
		httpDuration: new Histogram({
			name: 'skinspire_http_request_duration_seconds',
			help: 'HTTP request latency by method, route kind and status',
			labelNames: ['method', 'route', 'status'] as const,
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers: [registry]
		}),
		eventsPublished: new Counter({
			name: 'skinspire_events_published_total',
			help: 'Outbox events published to Socket.IO rooms, by event name',
			labelNames: ['event'] as const,
			registers: [registry]
		}),
		socketsConnected: new Gauge({
			name: 'skinspire_sockets_connected',
			help: 'Sockets connected to this node, by room type (branch, user, session, all)',
			labelNames: ['room_type'] as const,
			registers: [registry]
		}),
		outboxLag: new Gauge({
			name: 'skinspire_outbox_lag_seconds',
			help: 'Age of the oldest unpublished outbox event (0 when none waits)',
			registers: [registry]
		})
	};
}

export type Metrics = ReturnType<typeof createMetrics>;
