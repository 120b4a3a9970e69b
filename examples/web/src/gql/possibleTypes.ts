
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "CancelJobExecutionResult": [
      "AccessDeniedError",
      "CancelJobExecutionSuccess",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError",
      "VersionConflictError"
    ],
    "DeleteJobExecutionResult": [
      "AccessDeniedError",
      "DeleteJobExecutionSuccess",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "Error": [
      "AccessDeniedError",
      "CertificateValidationError",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError",
      "VersionConflictError"
    ],
    "JobExecutionResult": [
      "InvalidRequestError",
      "JobExecution",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "JobResult": [
      "InvalidRequestError",
      "Job",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "JobsResult": [
      "InvalidRequestError",
      "JobConnection",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "Node": [
      "Job",
      "JobExecution",
      "Thing"
    ],
    "UpdateJobExecutionResult": [
      "AccessDeniedError",
      "CertificateValidationError",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError",
      "UpdateJobExecutionSuccess",
      "VersionConflictError"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "CancelJobExecutionResult": [
      "AccessDeniedError",
      "CancelJobExecutionSuccess",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError",
      "VersionConflictError"
    ],
    "DeleteJobExecutionResult": [
      "AccessDeniedError",
      "DeleteJobExecutionSuccess",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "Error": [
      "AccessDeniedError",
      "CertificateValidationError",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError",
      "VersionConflictError"
    ],
    "JobExecutionResult": [
      "InvalidRequestError",
      "JobExecution",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "JobResult": [
      "InvalidRequestError",
      "Job",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "JobsResult": [
      "InvalidRequestError",
      "JobConnection",
      "ServiceUnavailableError",
      "ThrottlingError"
    ],
    "Node": [
      "Job",
      "JobExecution",
      "Thing"
    ],
    "UpdateJobExecutionResult": [
      "AccessDeniedError",
      "CertificateValidationError",
      "InvalidRequestError",
      "InvalidStateTransitionError",
      "ResourceNotFoundError",
      "ServiceUnavailableError",
      "ThrottlingError",
      "UpdateJobExecutionSuccess",
      "VersionConflictError"
    ]
  }
};
      export default result;
    