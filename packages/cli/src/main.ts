process.stdout.write("minnow shell: under construction\n");
