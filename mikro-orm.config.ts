// Used by the MikroORM CLI (`npm run db:migration:create`). The app builds its config in code.
import { ormConfig } from './src/lib/server/db/orm-config.ts';

export default ormConfig(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/skinspire_dev');
