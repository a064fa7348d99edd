// Tests never reach a cloud metadata service, a real profile or a real account.
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
