#!/usr/bin/env bash
# Placeholder until the Neo4j issue lands: the Bolt test server build goes here.
exit 0
