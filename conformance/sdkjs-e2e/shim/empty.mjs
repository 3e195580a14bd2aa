// Replaces "@aws-sdk/signature-v4-crt", which S3.e2e.spec.ts imports only
// for its side effect: registering the CRT signer for SigV4a, which only
// multi-region access points use. fakeaws serves no MRAP, so the native
// CRT package (aws-crt) is not installed.
export {};
