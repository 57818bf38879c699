/** Every page learns the language it is shown in; screens translate with it (#lib/client/i18n.ts). */
export const load = ({ locals }) => ({ locale: locals.locale });
