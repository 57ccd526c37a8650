/** The synthetic benchmark program as a program file (so a gate worker can run it): `bench:resources` resources. */
import * as pulumi from "@pulumi/pulumi";
import { syntheticProgram } from "../synthetic";

export = (): void => syntheticProgram(Number(new pulumi.Config("bench").require("resources")))();
