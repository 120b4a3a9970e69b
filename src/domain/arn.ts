// AWS IoT thing ARNs, as both AWS planes and the job event topics carry them.

/** `arn:aws:iot:<region>:<account>:thing/<name>` → `<name>`; null for any other ARN. */
export function thingNameFromArn(arn: string): string | null {
  const match = /:thing\/([^/]+)$/.exec(arn);
  return match?.[1] ?? null;
}
