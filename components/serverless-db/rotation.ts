/**
 * Rotation of the master password RDS keeps in Secrets Manager (`manageMasterUserPassword`), shared by
 * ServerlessDb and PostgresInstance. The secret is RDS's, so no rotation function is involved: RDS
 * rotates it on the schedule set here, replacing the 7-day default it configures itself.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { requireArg } from "../shared/errors";
import { PASSWORD_ROTATION_DEFAULTS as R } from "./defaults";

const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;

/** Why a Secrets Manager rotation schedule is not acceptable, or undefined. */
export function rotationScheduleProblem(schedule: string, windowHours: number): string | undefined {
    const rate = RATE.exec(schedule);
    if (rate) {
        const n = Number(rate[1]);
        const hours = rate[2].startsWith("hour");
        if (hours ? n < 4 || n > 23 : n < 1 || n > 1000) return "rate(N hours) with N from 4 to 23, or rate(N days) with N from 1 to 1000";
        // A rate window starts at midnight UTC and must end within the day and before the next rotation.
        if (hours && windowHours > n) return `a window no longer than the ${n}-hour interval`;
        return undefined;
    }
    const cron = CRON.exec(schedule);
    if (!cron) return "rate(N days), rate(N hours) or a six-field cron(minutes hours day-of-month month day-of-week year) expression";
    const hour = Number(cron[2]);
    if (/^\d{1,2}$/.test(cron[2]) && (hour > 23 || hour + windowHours > 24)) {
        return `a start hour whose ${windowHours}-hour window ends by midnight UTC (Secrets Manager windows cannot cross into the next day)`;
    }
    return undefined;
}

/** Checks passwordRotationSchedule and passwordRotationWindowHours (before any child is registered). */
export function validatePasswordRotation(component: string, name: string, schedule: string | undefined, windowHours: number | undefined): void {
    const hours = windowHours ?? R.windowHours;
    requireArg(Number.isInteger(hours) && hours >= 1 && hours <= 24, component, name, "passwordRotationWindowHours", windowHours, "a whole number of hours from 1 to 24");
    const expression = schedule ?? R.scheduleExpression;
    const problem = typeof expression === "string" ? rotationScheduleProblem(expression, hours) : "a schedule expression";
    requireArg(problem === undefined, component, name, "passwordRotationSchedule", schedule, problem ?? "");
}

/** `${name}-password-rotation`: the RDS-managed master secret's schedule and window; no rotation at deploy time. */
export function masterPasswordRotation(name: string, secretArn: pulumi.Input<string>, schedule: string | undefined, windowHours: number | undefined,
    parent: pulumi.Resource): aws.secretsmanager.SecretRotation {
    return new aws.secretsmanager.SecretRotation(`${name}-password-rotation`, {
        secretId: secretArn,
        rotationRules: { scheduleExpression: schedule ?? R.scheduleExpression, duration: `${windowHours ?? R.windowHours}h` },
        // Rotating on `pulumi up` would change the password under running clients at deploy time; the first
        // rotation happens in the next window instead.
        rotateImmediately: R.rotateImmediately,
    }, { parent });
}
