// The version hcc prints (--version) and records in the stores it makes.
export const version = "0.1.0";
