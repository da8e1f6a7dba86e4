import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Typography from "@mui/material/Typography";
import { useId, type ReactNode } from "react";

interface SectionCardProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

/** Renders a titled card that groups one part of a settings page. */
export function SectionCard({
  title,
  description,
  children,
}: SectionCardProps) {
  const headingId = useId();

  return (
    <Card component="section" aria-labelledby={headingId} sx={{ mb: 3 }}>
      <CardContent sx={{ p: 3, "&:last-child": { pb: 3 } }}>
        <Typography
          id={headingId}
          variant="h2"
          component="h2"
          sx={{ mb: description ? 0.5 : 2 }}
        >
          {title}
        </Typography>
        {description && (
          <Typography color="text.secondary" sx={{ mb: 2.5 }}>
            {description}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}
