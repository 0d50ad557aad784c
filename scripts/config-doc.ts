// `npm run docs:config`: writes docs/configuration.md from the setting tables.
import * as fs from "fs";
import * as path from "path";
import { CONFIGURATION_DOC, configurationDoc } from "../config/doc";

fs.writeFileSync(path.join(__dirname, "..", CONFIGURATION_DOC), configurationDoc());
console.log(`wrote ${CONFIGURATION_DOC}`);
