// Errors the emulated services answer with. The codes, statuses and messages follow the real
// Alibaba Cloud POP gateway so client code sees what it would see in production.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields for the JSON body, e.g. AccessDeniedDetail. */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function missingParameter(name: string): ApiError {
  return new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
}

export function invalidParameter(name: string, reason?: string): ApiError {
  const why = reason ? `, ${reason}` : '';
  return new ApiError(400, 'InvalidParameter', `The specified parameter "${name}" is invalid${why}.`);
}

export function invalidRegion(regionId: string): ApiError {
  return new ApiError(400, 'InvalidRegionId.NotFound', `The specified RegionId ${regionId} does not exist.`);
}

export function entityNotFound(code: string, message: string): ApiError {
  return new ApiError(404, code, message);
}
