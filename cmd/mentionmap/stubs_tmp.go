package main

import "context"

func runServe(ctx context.Context, env *cmdEnv, args []string) error  { return nil }
func runIngest(ctx context.Context, env *cmdEnv, args []string) error { return nil }
