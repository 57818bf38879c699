import { z } from 'zod';
import { ZLoginInput, ZLoginResult, ZMe } from '../../shared/auth/auth.schema.ts';
import { ZNotice, ZNoticeList, ZPostNoticeInput } from '../../shared/notices/notice.schema.ts';
import { ERROR_CODES } from '../../shared/errors/error-codes.ts';
import { ZAuditPage, ZAuditQuery, ZChainReport } from '../../shared/audit/audit.schema.ts';
import { ZSessionList } from '../../shared/sessions/session.schema.ts';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the endpoints validate with,
 * so the description cannot drift from the behaviour.
 */
const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const ZProblem = z.object({
	type: z.string(),
	title: z.string(),
	status: z.int(),
	detail: z.string(),
	code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
	errors: z.record(z.string(), z.array(z.string())).optional().describe('Messages per field, for VALIDATION_FAILED'),
	instance: z.string().optional(),
	requestId: z.string().optional()
});

const problem = (description: string) => ({
	description,
	content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
});
const jsonBody = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const jsonResponse = (description: string, ref: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } }
});
const branchId = { name: 'branchId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const noticeId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const security = [{ sessionCookie: [] }];

/** Query parameters straight from the shared schema. */
function auditQueryParameters() {
	const json = z.toJSONSchema(ZAuditQuery, { io: 'input' }) as { properties: Record<string, object> };
	return Object.entries(json.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

export function openApiDocument(serverUrl: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'SkinSpire API',
			version: '1.0.0',
			description:
				'Clinic management for skin clinics. Errors are RFC 9457 problem+json. Browsers authenticate with the session cookie set by /auth/login; requests that change data from a foreign Origin are refused.',
			license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${serverUrl}/api/v1` }],
		components: {
			securitySchemes: {
				sessionCookie: { type: 'apiKey', in: 'cookie', name: 'skinspire_session', description: 'Named __Host-skinspire_session when served over HTTPS' }
			},
			schemas: {
				Problem: schema(ZProblem),
				LoginInput: schema(ZLoginInput, 'input'),
				LoginResult: schema(ZLoginResult),
				Me: schema(ZMe),
				PostNoticeInput: schema(ZPostNoticeInput, 'input'),
				Notice: schema(ZNotice),
				NoticeList: schema(ZNoticeList),
				AuditPage: schema(ZAuditPage),
				ChainReport: schema(ZChainReport),
				SessionList: schema(ZSessionList)
			}
		},
		paths: {
			'/auth/login': {
				post: {
					operationId: 'login',
					summary: 'Sign in with email and password',
					tags: ['auth'],
					requestBody: jsonBody('LoginInput'),
					responses: {
						'200': { ...jsonResponse('Signed in; the session cookie is set', 'LoginResult') },
						'400': problem('Malformed JSON or missing fields'),
						'401': problem('Email or password is incorrect (the same answer for an unknown email)')
					}
				}
			},
			'/auth/logout': {
				post: {
					operationId: 'logout',
					summary: 'End the current session (its live connections close too)',
					tags: ['auth'],
					security,
					responses: { '204': { description: 'Signed out' }, '401': problem('Not signed in') }
				}
			},
			'/me': {
				get: {
					operationId: 'me',
					summary: 'The signed-in user, their hospital and branches',
					tags: ['auth'],
					security,
					responses: { '200': jsonResponse('The signed-in user', 'Me'), '401': problem('Not signed in') }
				}
			},
			'/branches/{branchId}/notices': {
				parameters: [branchId],
				get: {
					operationId: 'listNotices',
					summary: "A branch's active notices, newest first",
					tags: ['notices'],
					security,
					responses: {
						'200': jsonResponse('Active notices', 'NoticeList'),
						'401': problem('Not signed in'),
						'404': problem('No such branch, or not one of yours')
					}
				},
				post: {
					operationId: 'postNotice',
					summary: 'Post a notice; every open screen of the branch shows it at once (event notice.posted)',
					tags: ['notices'],
					security,
					requestBody: jsonBody('PostNoticeInput'),
					responses: {
						'201': jsonResponse('The notice', 'Notice'),
						'400': problem('Malformed JSON, or a field to fix (named in errors)'),
						'401': problem('Not signed in'),
						'403': problem('Your role cannot post notices'),
						'404': problem('No such branch, or not one of yours')
					}
				}
			},
			'/branches/{branchId}/notices/{id}': {
				parameters: [branchId, noticeId],
				delete: {
					operationId: 'clearNotice',
					summary: 'Clear a notice for everyone (its poster or a manager); event notice.cleared',
					tags: ['notices'],
					security,
					responses: {
						'200': jsonResponse('The cleared notice', 'Notice'),
						'401': problem('Not signed in'),
						'403': problem('Only the poster or a manager can clear it'),
						'404': problem('No such notice in that branch')
					}
				}
			},
			'/me/sessions': {
				get: {
					operationId: 'listMySessions',
					summary: 'Where I am signed in (this session first): device, address, last activity',
					tags: ['sessions'],
					security,
					responses: { '200': jsonResponse('My sessions', 'SessionList'), '401': problem('Not signed in') }
				}
			},
			'/me/sessions/{sessionId}': {
				parameters: [{ name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } }],
				delete: {
					operationId: 'endMySession',
					summary: 'End one of my sessions; it is refused on its next request and its live connections close within 2 s',
					tags: ['sessions'],
					security,
					responses: { '204': { description: 'Ended' }, '401': problem('Not signed in'), '404': problem('No such session of mine') }
				}
			},
			'/me/sessions/revoke-others': {
				post: {
					operationId: 'endMyOtherSessions',
					summary: 'Sign out everywhere else',
					tags: ['sessions'],
					security,
					responses: {
						'200': { description: 'How many ended', content: { 'application/json': { schema: { type: 'object', properties: { ended: { type: 'integer' } }, required: ['ended'] } } } },
						'401': problem('Not signed in')
					}
				}
			},
			'/audit': {
				get: {
					operationId: 'listAudit',
					summary: 'The audit trail, newest first (hospital-wide readers see every row; branch readers the rows of their branches)',
					tags: ['audit'],
					security,
					parameters: auditQueryParameters(),
					responses: {
						'200': jsonResponse('A page of events', 'AuditPage'),
						'400': problem('A filter to fix (named in errors)'),
						'401': problem('Not signed in'),
						'403': problem('Needs audit:read')
					}
				}
			},
			'/audit/export': {
				get: {
					operationId: 'exportAudit',
					summary: 'The filtered trail as CSV (at most 50,000 rows); the export is itself audited',
					tags: ['audit'],
					security,
					parameters: auditQueryParameters().filter((p) => p.name !== 'page' && p.name !== 'pageSize'),
					responses: {
						'200': { description: 'CSV, one row per event', content: { 'text/csv': { schema: { type: 'string' } } } },
						'401': problem('Not signed in'),
						'403': problem('Needs audit:read')
					}
				}
			},
			'/audit/verify': {
				post: {
					operationId: 'verifyAudit',
					summary: "Re-compute the hospital's hash chain; names the first broken row, if any",
					tags: ['audit'],
					security,
					responses: {
						'200': jsonResponse('The verdict', 'ChainReport'),
						'401': problem('Not signed in'),
						'403': problem('Needs audit:read hospital-wide')
					}
				}
			},
			'/branches/{branchId}/notices/{id}/dismissal': {
				parameters: [branchId, noticeId],
				put: {
					operationId: 'dismissNotice',
					summary: 'Hide a notice for yourself only',
					tags: ['notices'],
					security,
					responses: { '204': { description: 'Hidden for you' }, '401': problem('Not signed in'), '404': problem('No such notice in that branch') }
				}
			}
		}
	};
}
