import packageJson from "@/package.json";

export const KEYPORT_VERSION: string = packageJson.version;
